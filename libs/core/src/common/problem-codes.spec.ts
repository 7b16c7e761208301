import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isProblemCode, PROBLEM_CODES, problemCodeStatuses } from './problem-codes';

const ROOT = join(__dirname, '../../../..');

const KIND_STATUS: Record<string, number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  unavailable: 503,
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'web') return [];
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(name) ? [path] : [];
  });
}

/** Every literal (status, code) a throwing site of the API, the worker or the libraries uses. */
function thrownCodes(): { file: string; code: string; status: number }[] {
  const found: { file: string; code: string; status: number }[] = [];
  for (const file of [...sources(join(ROOT, 'apps')), ...sources(join(ROOT, 'libs'))]) {
    const text = readFileSync(file, 'utf8');
    const at = file.slice(ROOT.length + 1);
    for (const m of text.matchAll(/new AppError\(\s*'([a-z_]+)',\s*'([a-z_]+)'/g)) found.push({ file: at, code: m[2], status: KIND_STATUS[m[1]] });
    for (const m of text.matchAll(/AppError\.(forbidden|conflict|unprocessable)\(\s*'([a-z_]+)'/g))
      found.push({ file: at, code: m[2], status: KIND_STATUS[m[1]] });
    for (const m of text.matchAll(/RateLimitedError\(\s*(\d{3}),[^;]*?'([a-z_]+)'/g)) found.push({ file: at, code: m[2], status: Number(m[1]) });
  }
  return found;
}

describe('the problem-code catalogue', () => {
  it('names each code in snake_case with a status and a meaning', () => {
    for (const [code, entry] of Object.entries(PROBLEM_CODES)) {
      expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
      expect(entry.status).toBeGreaterThanOrEqual(400);
      expect(entry.meaning.length).toBeGreaterThan(10);
    }
  });

  it('has every code thrown in the code, with the status the throwing site answers with', () => {
    const thrown = thrownCodes();
    expect(thrown.length).toBeGreaterThan(60); // the scan sees the throwing sites
    const wrong = thrown
      .filter(({ code, status }) => !isProblemCode(code) || !problemCodeStatuses(code).includes(status))
      .map(
        ({ file, code, status }) =>
          `${file}: ${code} thrown with ${status}, catalogued ${isProblemCode(code) ? problemCodeStatuses(code).join('/') : 'nowhere'}`,
      );
    expect(wrong).toEqual([]);
  });
});
