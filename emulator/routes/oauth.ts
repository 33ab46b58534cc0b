// `POST /oauth/token`: the client-credentials grant of Genesys' login service, on the emulator's own origin,
// answering and failing in OAuth's own shapes (RFC 6749 §5; webchat-v2.md §2).

import type { OAuthErrorBody, OAuthTokenResponse } from '../../src/protocol/models';
import { paths } from '../../src/protocol/paths';
import { ACCESS_TOKEN_LIFETIME_SEC, type Auth } from '../auth';
import { json, type ApiRequest, type Route } from '../http';

const oauthError = (status: number, error: string, description: string, headers?: Record<string, string>) =>
  json(status, { error, description } satisfies OAuthErrorBody, headers);

function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const m = /^\s*basic\s+(\S+)\s*$/i.exec(header ?? '');
  if (!m) return undefined;
  const decoded = Buffer.from(m[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

export function oauthRoutes(auth: Auth): Route[] {
  async function token(req: ApiRequest) {
    const type = req.headers['content-type'];
    const form = new URLSearchParams((await req.raw()).toString('utf8'));
    if (type !== undefined && !/^\s*application\/x-www-form-urlencoded\s*(;.*)?$/i.test(type)) {
      return oauthError(400, 'invalid_request', 'The body must be application/x-www-form-urlencoded.');
    }
    const basic = basicCredentials(typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined);
    const id = basic?.id ?? form.get('client_id') ?? '';
    const secret = basic?.secret ?? form.get('client_secret') ?? '';
    if (!auth.checkClient(id, secret)) {
      return oauthError(401, 'invalid_client', 'Client authentication failed.', { 'WWW-Authenticate': 'Basic realm="oauth"' });
    }
    const grant = form.get('grant_type');
    if (grant === null || grant === '') return oauthError(400, 'invalid_request', 'grant_type is required.');
    if (grant !== 'client_credentials') return oauthError(400, 'unsupported_grant_type', `Unsupported grant type: ${grant.slice(0, 80)}`);
    const answer: OAuthTokenResponse = { access_token: await auth.issueAccessToken(), token_type: 'bearer', expires_in: ACCESS_TOKEN_LIFETIME_SEC };
    return json(200, answer);
  }
  return [{ method: 'POST', pattern: paths.oauthToken(), handler: token }];
}
