// A webhook's credential, from an environment variable or a file (a mounted Kubernetes secret).
// Problems name the variable or the option, never the value; the value is never logged.
import { readFileSync } from 'node:fs';
import type { Env } from '@switchboard/runtime';
import type { WebhookAuth } from '../webhook/webhook-connector';
import type { WebhookAuthConfig } from './file-config';

export function resolveWebhookAuth(auth: WebhookAuthConfig, env: Env, path: string, problems: string[]): WebhookAuth | undefined {
  let secret: string | undefined;
  if (auth.secretEnv !== undefined) {
    secret = env[auth.secretEnv];
    if (secret === undefined || secret.trim() === '') {
      problems.push(`${path}.secretEnv: environment variable ${auth.secretEnv} is not set`);
      return undefined;
    }
  } else if (auth.secretFile !== undefined) {
    try {
      secret = readFileSync(auth.secretFile, 'utf8');
    } catch {
      problems.push(`${path}.secretFile: cannot read the file it names`);
      return undefined;
    }
    if (secret.trim() === '') {
      problems.push(`${path}.secretFile: the file is empty`);
      return undefined;
    }
  }
  if (secret === undefined) return undefined;
  // Files usually end with a newline that is not part of the secret.
  const token = secret.trim();
  if (/[\r\n]/.test(token)) {
    problems.push(`${path}: the secret must be a single line`);
    return undefined;
  }
  return { header: auth.header, value: auth.scheme === undefined ? token : `${auth.scheme} ${token}` };
}
