// The 8 admin endpoints (deployments, settings) and `POST /api/v2/signeddata`, behind OAuth bearer tokens
// (webchat-v2.md §3.2, §9). The token itself is issued by oauth.ts.

import { randomUUID } from 'node:crypto';
import { WEB_CHAT_SKINS, type WebChatDeployment, type WebChatSettings } from '../../src/protocol/models';
import { paths } from '../../src/protocol/paths';
import { fail } from '../errors';
import { json, noContent, type ApiRequest, type Route } from '../http';
import { checkBody, isObject, type Shape } from '../validate';
import { adminRoute, type RouteDeps } from './context';

const DEPLOYMENT_SHAPE: Shape = {
  name: 'string',
  description: 'string',
  authenticationRequired: 'boolean',
  authenticationUrl: 'string',
  disabled: 'boolean',
  webChatConfig: { object: { webChatSkin: { enum: WEB_CHAT_SKINS } } },
  allowedDomains: { array: 'string' },
  flow: { object: { id: 'string', name: 'string', selfUri: 'string' } },
};

/** Uncertain (§14.13): `name` is the one required field; `id` and `selfUri` in a body are ignored. */
async function readDeployment(req: ApiRequest, id: string): Promise<WebChatDeployment> {
  const body = checkBody(await req.json(), DEPLOYMENT_SHAPE) as WebChatDeployment;
  if (body.name === undefined || body.name.trim() === '') throw fail.missing('name');
  return {
    id,
    ...body,
    authenticationRequired: body.authenticationRequired ?? false,
    disabled: body.disabled ?? false,
    allowedDomains: body.allowedDomains ?? [],
    selfUri: paths.deployment(id),
  };
}

export function adminRoutes(deps: RouteDeps): Route[] {
  const { world, auth } = deps;
  const admin = (h: (req: ApiRequest) => Promise<ReturnType<typeof json>>) => adminRoute(deps, h);
  const find = (id: string | undefined) => {
    const d = world.deployments.get((id ?? '').toLowerCase());
    if (!d) throw fail.notFound();
    return d;
  };
  const DEPLOYMENTS = paths.deployments();
  const DEPLOYMENT = `${DEPLOYMENTS}/:id`;
  const SETTINGS = paths.settings();

  return [
    {
      method: 'GET',
      pattern: DEPLOYMENTS,
      // Not paged: only total, entities and selfUri (§3.2).
      handler: admin(async () => json(200, { total: world.deployments.size, entities: [...world.deployments.values()], selfUri: DEPLOYMENTS })),
    },
    {
      method: 'POST',
      pattern: DEPLOYMENTS,
      // Uncertain (§14.13): 200, as the definition declares for this family's creates.
      handler: admin(async (req) => {
        const d = await readDeployment(req, randomUUID());
        world.deployments.set(d.id as string, d);
        return json(200, d);
      }),
    },
    { method: 'GET', pattern: DEPLOYMENT, handler: admin(async (req) => json(200, find(req.params.id))) },
    {
      method: 'PUT',
      pattern: DEPLOYMENT,
      handler: admin(async (req) => {
        const existing = find(req.params.id);
        const d = await readDeployment(req, existing.id as string);
        world.deployments.set(d.id as string, d);
        return json(200, d);
      }),
    },
    {
      method: 'DELETE',
      pattern: DEPLOYMENT,
      // Uncertain (§14.13): 204. Conversations already created under it carry on.
      handler: admin(async (req) => {
        world.deployments.delete(find(req.params.id).id as string);
        return noContent();
      }),
    },
    { method: 'GET', pattern: SETTINGS, handler: admin(async () => json(200, world.settings)) },
    {
      method: 'PUT',
      pattern: SETTINGS,
      handler: admin(async (req) => {
        const body = checkBody(await req.json(), { requireDeployment: 'boolean' }) as WebChatSettings;
        // Stored and returned; nothing depends on it, since every create must name a deployment anyway (§3.2).
        world.settings = { requireDeployment: body.requireDeployment ?? false };
        return json(200, world.settings);
      }),
    },
    {
      method: 'DELETE',
      pattern: SETTINGS,
      handler: admin(async () => {
        world.settings = { requireDeployment: false };
        return noContent();
      }),
    },
    {
      method: 'POST',
      pattern: paths.signedData(),
      // Any JSON object is signed, valid 1 h; the answer is a SignedData (§9).
      handler: admin(async (req) => {
        const body = await req.json();
        if (!isObject(body)) throw fail.badRequest();
        return json(200, { jwt: await auth.signData(body) });
      }),
    },
  ];
}
