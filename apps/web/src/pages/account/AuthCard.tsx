import type { ReactNode } from 'react';

/** The frame of the pages a person sees before signing in (password reset, single sign-on). */
export function AuthCard(props: { title: string; children: ReactNode }) {
  return (
    <main className="auth-page">
      <section className="auth-card">
        <h1 className="brand brand--large">hireloop</h1>
        <h2>{props.title}</h2>
        {props.children}
      </section>
    </main>
  );
}
