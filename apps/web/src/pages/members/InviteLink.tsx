import { useState } from 'react';
import { inviteLink } from './member-forms';

/** The one-time accept link of a fresh invitation, with a copy button (it is shown once: only its hash is stored). */
export function InviteLink(props: { name: string; token: string; resent?: boolean }) {
  const link = inviteLink(props.token, window.location);
  const [copied, setCopied] = useState<boolean | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="notice notice--ok" role="status">
      <p>
        {props.resent ? 'A new invitation is on its way to' : 'Invitation sent to'} <strong>{props.name}</strong>
        {props.resent ? '; the earlier link no longer works.' : '.'} You can also share this one-time link yourself — it is shown only now:
      </p>
      <div className="invite-link">
        <input readOnly value={link} aria-label={`Invitation link for ${props.name}`} onFocus={(e) => e.target.select()} />
        <button type="button" className="button" onClick={() => void copy()}>
          Copy link
        </button>
      </div>
      {copied === true ? <p className="muted small">Copied.</p> : null}
      {copied === false ? <p className="muted small">Could not copy here: select the link and copy it.</p> : null}
    </div>
  );
}
