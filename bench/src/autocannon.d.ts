/** The part of autocannon's API the benchmarks use (the package ships no types). */
declare module 'autocannon' {
  namespace autocannon {
    interface AutocannonRequest {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string | Buffer;
      /** Called before each request is sent; returns the request to send. */
      setupRequest?: (request: AutocannonRequest, context: Record<string, unknown>) => AutocannonRequest;
      onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
    }

    interface AutocannonOptions {
      url: string;
      connections?: number;
      duration?: number;
      amount?: number;
      pipelining?: number;
      /** Seconds. */
      timeout?: number;
      method?: string;
      headers?: Record<string, string>;
      body?: string;
      requests?: AutocannonRequest[];
    }

    interface Histogram {
      average: number;
      mean: number;
      stddev: number;
      min: number;
      max: number;
      total: number;
      p50: number;
      p90: number;
      p97_5: number;
      p99: number;
      p99_9: number;
    }

    interface AutocannonResult {
      duration: number;
      requests: Histogram;
      latency: Histogram;
      errors: number;
      timeouts: number;
      non2xx: number;
      '2xx': number;
      statusCodeStats: Record<string, { count: number }>;
    }

    interface AutocannonInstance extends PromiseLike<AutocannonResult> {
      stop(): void;
    }
  }

  function autocannon(options: autocannon.AutocannonOptions): autocannon.AutocannonInstance;
  export = autocannon;
}
