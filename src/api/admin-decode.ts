// Decoders from untrusted JSON for the answers only admin callers see (deployments, settings, signed data, OAuth
// tokens). They live beside the admin client so the guest bundle never carries them; guest models decode in protocol/.

import { DecodeError } from '../protocol/decode';
import {
  WEB_CHAT_SKINS,
  type DomainEntityRef,
  type OAuthTokenResponse,
  type SignedData,
  type WebChatDeployment,
  type WebChatDeploymentEntityListing,
  type WebChatSettings,
  type WebChatSkin,
} from '../protocol/models';

type Obj = Record<string, unknown>;

function obj(v: unknown, path: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new DecodeError(path, 'an object');
  return v as Obj;
}

function str(o: Obj, key: string, path: string): string {
  const v = o[key];
  if (typeof v !== 'string') throw new DecodeError(`${path}.${key}`, 'a string');
  return v;
}

/** Absent and `null` are both "not set" (the service writes either). */
function optional<T>(o: Obj, key: string, path: string, kind: 'string' | 'boolean'): T | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== kind) throw new DecodeError(`${path}.${key}`, `a ${kind}`);
  return v as T;
}

function setIf<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

function decodeEntityRef(v: unknown, path: string): DomainEntityRef {
  const o = obj(v, path);
  const ref: DomainEntityRef = {};
  setIf(ref, 'id', optional<string>(o, 'id', path, 'string'));
  setIf(ref, 'name', optional<string>(o, 'name', path, 'string'));
  setIf(ref, 'selfUri', optional<string>(o, 'selfUri', path, 'string'));
  return ref;
}

export function decodeWebChatDeployment(v: unknown, path = 'deployment'): WebChatDeployment {
  const o = obj(v, path);
  const d: WebChatDeployment = {};
  for (const key of ['id', 'name', 'description', 'authenticationUrl', 'selfUri'] as const) {
    setIf(d, key, optional<string>(o, key, path, 'string'));
  }
  setIf(d, 'authenticationRequired', optional<boolean>(o, 'authenticationRequired', path, 'boolean'));
  setIf(d, 'disabled', optional<boolean>(o, 'disabled', path, 'boolean'));
  if (o.webChatConfig !== undefined && o.webChatConfig !== null) {
    const c = obj(o.webChatConfig, `${path}.webChatConfig`);
    const skin = optional<string>(c, 'webChatSkin', `${path}.webChatConfig`, 'string');
    // An unknown skin is dropped rather than failing the whole answer: it only styled Genesys' own widget.
    d.webChatConfig = skin !== undefined && (WEB_CHAT_SKINS as readonly string[]).includes(skin) ? { webChatSkin: skin as WebChatSkin } : {};
  }
  if (o.allowedDomains !== undefined && o.allowedDomains !== null) {
    if (!Array.isArray(o.allowedDomains)) throw new DecodeError(`${path}.allowedDomains`, 'an array');
    d.allowedDomains = o.allowedDomains.map((x, i) => {
      if (typeof x !== 'string') throw new DecodeError(`${path}.allowedDomains[${i}]`, 'a string');
      return x;
    });
  }
  if (o.flow !== undefined && o.flow !== null) d.flow = decodeEntityRef(o.flow, `${path}.flow`);
  return d;
}

export function decodeWebChatDeploymentEntityListing(v: unknown): WebChatDeploymentEntityListing {
  const path = 'deployments';
  const o = obj(v, path);
  if (!Array.isArray(o.entities)) throw new DecodeError(`${path}.entities`, 'an array');
  const entities = o.entities.map((e, i) => decodeWebChatDeployment(e, `${path}.entities[${i}]`));
  const total = o.total;
  if (typeof total !== 'number' || !Number.isFinite(total)) throw new DecodeError(`${path}.total`, 'a number');
  const list: WebChatDeploymentEntityListing = { total, entities };
  setIf(list, 'selfUri', optional<string>(o, 'selfUri', path, 'string'));
  return list;
}

export function decodeWebChatSettings(v: unknown): WebChatSettings {
  const o = obj(v, 'settings');
  const s: WebChatSettings = {};
  setIf(s, 'requireDeployment', optional<boolean>(o, 'requireDeployment', 'settings', 'boolean'));
  return s;
}

export function decodeSignedData(v: unknown): SignedData {
  return { jwt: str(obj(v, 'signedData'), 'jwt', 'signedData') };
}

export function decodeOAuthTokenResponse(v: unknown): OAuthTokenResponse {
  const path = 'token';
  const o = obj(v, path);
  const accessToken = str(o, 'access_token', path);
  // RFC 6749 §7.1: the token type is case-insensitive.
  if (str(o, 'token_type', path).toLowerCase() !== 'bearer') throw new DecodeError(`${path}.token_type`, '"bearer"');
  const expiresIn = o.expires_in;
  if (typeof expiresIn !== 'number' || !Number.isFinite(expiresIn) || expiresIn < 0) {
    throw new DecodeError(`${path}.expires_in`, 'a non-negative number');
  }
  return { access_token: accessToken, token_type: 'bearer', expires_in: expiresIn };
}
