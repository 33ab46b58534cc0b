// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { kebab, readAttributes, resolveOptions, type OptionsResult } from './widget-options';

const ORG = 'c0ffee00-0000-4000-8000-000000000001';
const DEP = 'c0ffee00-0000-4000-8000-000000000002';
const base = { organizationId: ORG, deploymentId: DEP, queue: 'Support' };
const dataLabel = (n: string) => `data-${kebab(n)}`;

function errorsOf(result: OptionsResult): string[] {
  return result.ok ? [] : result.errors.map((e) => e.message);
}
function resolved(input: Record<string, unknown>) {
  const result = resolveOptions(input, dataLabel);
  if (!result.ok) throw new Error(`unexpected errors: ${errorsOf(result).join('; ')}`);
  return result.options;
}
function onlyError(input: Record<string, unknown>): { name: string; message: string } {
  const result = resolveOptions(input, dataLabel);
  expect(result.ok).toBe(false);
  const errors = result.ok ? [] : result.errors;
  expect(errors).toHaveLength(1);
  return errors[0]!;
}

describe('resolveOptions', () => {
  it('applies every default of the contract when only the required options are given', () => {
    expect(resolved(base)).toEqual({
      ...base,
      environment: 'mypurecloud.com',
      theme: 'auto',
      position: 'bottom-right',
      prechatFields: ['firstName', 'lastName', 'email'],
      persist: 'session',
      open: false,
    });
  });

  it('parses every attribute from its string form', () => {
    const options = resolved({
      ...base,
      environment: 'mypurecloud.ie',
      apiBase: 'http://127.0.0.1:8787/',
      locale: 'pt-br',
      theme: 'dark',
      primaryColor: '#0b6e4f',
      title: ' Ask Trailhead ',
      position: 'bottom-left',
      prechatFields: 'firstName, email,phoneNumber',
      customFields: '{"plan":"gold","cart":"3"}',
      skills: 'Boots, Tents',
      language: 'English',
      priority: '5',
      persist: 'local',
      open: 'true',
      memberAuthToken: 'eyJ.token',
    });
    expect(options).toEqual({
      ...base,
      environment: 'mypurecloud.ie',
      apiBase: 'http://127.0.0.1:8787',
      locale: 'pt-BR',
      theme: 'dark',
      primaryColor: '#0b6e4f',
      title: 'Ask Trailhead',
      position: 'bottom-left',
      prechatFields: ['firstName', 'email', 'phoneNumber'],
      customFields: { plan: 'gold', cart: '3' },
      skills: ['Boots', 'Tents'],
      language: 'English',
      priority: 5,
      persist: 'local',
      open: true,
      memberAuthToken: 'eyJ.token',
    });
  });

  it('accepts the typed forms a mount() caller passes', () => {
    const token = () => Promise.resolve('jwt');
    const options = resolved({
      ...base,
      prechatFields: ['lastName'],
      customFields: { a: 'b' },
      skills: ['x'],
      priority: -3,
      open: true,
      memberAuthToken: token,
      strings: { launcherOpen: 'Talk to us' },
    });
    expect(options.prechatFields).toEqual(['lastName']);
    expect(options.customFields).toEqual({ a: 'b' });
    expect(options.skills).toEqual(['x']);
    expect(options.priority).toBe(-3);
    expect(options.open).toBe(true);
    expect(options.memberAuthToken).toBe(token);
    expect(options.strings).toEqual({ launcherOpen: 'Talk to us' });
  });

  it('skips the pre-chat form when the attribute is empty', () => {
    expect(resolved({ ...base, prechatFields: '' }).prechatFields).toEqual([]);
    expect(resolved({ ...base, prechatFields: [] }).prechatFields).toEqual([]);
  });

  it('drops repeated pre-chat fields and keeps the order the host gave', () => {
    expect(resolved({ ...base, prechatFields: 'email,firstName,email' }).prechatFields).toEqual(['email', 'firstName']);
  });

  it('treats blank optional attributes as absent', () => {
    const options = resolved({ ...base, environment: ' ', theme: '', title: '', customFields: '', priority: '', skills: ' , ' });
    expect(options.environment).toBe('mypurecloud.com');
    expect(options.theme).toBe('auto');
    expect(options).not.toHaveProperty('title');
    expect(options).not.toHaveProperty('customFields');
    expect(options).not.toHaveProperty('priority');
    expect(options).not.toHaveProperty('skills');
  });

  it('reads a bare boolean attribute as true and false as false', () => {
    expect(resolved({ ...base, open: '' }).open).toBe(true);
    expect(resolved({ ...base, open: 'FALSE' }).open).toBe(false);
  });

  it('tolerates a scheme or trailing slash in the environment', () => {
    expect(resolved({ ...base, environment: 'https://usw2.pure.cloud/' }).environment).toBe('https://usw2.pure.cloud/');
  });

  it.each([
    ['organizationId', 'data-organization-id is required'],
    ['deploymentId', 'data-deployment-id is required'],
    ['queue', 'data-queue is required'],
  ])('names the missing required attribute %s', (name, message) => {
    const input: Record<string, unknown> = { ...base };
    delete input[name];
    expect(onlyError(input)).toEqual({ name: message.split(' ')[0], message });
  });

  it('reports a blank required attribute as missing', () => {
    expect(onlyError({ ...base, queue: '   ' }).message).toBe('data-queue is required');
  });

  it('reports every missing required attribute when none is given, in table order', () => {
    expect(errorsOf(resolveOptions(undefined, dataLabel))).toEqual([
      'data-organization-id is required',
      'data-deployment-id is required',
      'data-queue is required',
    ]);
  });

  it.each([
    ['organizationId', 'ORG-UUID', 'data-organization-id must be a UUID'],
    ['deploymentId', 'c0ffee00-0000-4000-8000-00000000000', 'data-deployment-id must be a UUID'],
    ['organizationId', 42, 'data-organization-id must be a string'],
    ['queue', ['Support'], 'data-queue must be a string'],
    ['environment', 'not a host', 'data-environment must be a Genesys region host'],
    ['environment', 'localhost', 'data-environment must be a Genesys region host'],
    ['apiBase', 'not a url', 'data-api-base must be an http(s) URL'],
    ['apiBase', 'ftp://127.0.0.1:8787', 'data-api-base must be an http(s) URL'],
    ['apiBase', 'http://127.0.0.1:8787/?x=1', 'data-api-base must be an http(s) URL'],
    ['locale', 'en_US!', 'data-locale must be a BCP 47 language tag'],
    ['theme', 'blue', 'data-theme must be one of auto, light, dark, got "blue"'],
    ['position', 'top-left', 'data-position must be one of bottom-right, bottom-left'],
    ['primaryColor', 'red; background: url(x)', 'data-primary-color must be a CSS colour'],
    ['prechatFields', 'firstName,age', 'data-prechat-fields has unknown field(s) age'],
    ['prechatFields', ['firstName', 3], 'data-prechat-fields must be a comma-separated list'],
    ['prechatFields', 7, 'data-prechat-fields must be a comma-separated list'],
    ['customFields', '{plan:gold}', 'data-custom-fields must be a JSON object whose values are strings'],
    ['customFields', '["a"]', 'data-custom-fields must be a JSON object'],
    ['customFields', '"text"', 'data-custom-fields must be a JSON object'],
    ['customFields', '{"n":1}', 'data-custom-fields must be a JSON object whose values are strings'],
    ['customFields', { n: true }, 'data-custom-fields must be a JSON object whose values are strings'],
    ['skills', 5, 'data-skills must be a comma-separated list'],
    ['language', {}, 'data-language must be a string'],
    ['priority', 'high', 'data-priority must be an integer, got "high"'],
    ['priority', '1.5', 'data-priority must be an integer'],
    ['priority', 2.5, 'data-priority must be an integer'],
    ['priority', '99999999999999999999', 'data-priority must be an integer'],
    ['persist', 'cookie', 'data-persist must be one of session, local, none'],
    ['open', 'yes', 'data-open must be true or false, got "yes"'],
    ['open', 1, 'data-open must be true or false'],
    ['memberAuthToken', 12, 'data-member-auth-token must be a string or a function'],
    ['strings', { a: 1 }, 'data-strings must be an object of strings'],
    ['title', false, 'data-title must be a string'],
  ])('rejects %s = %j, naming the attribute', (name, value, message) => {
    const error = onlyError({ ...base, [name]: value });
    expect(error.message).toContain(message);
    expect(error.name).toBe(dataLabel(name));
  });

  it('names options by their camelCase name when no label is given (mount options)', () => {
    const result = resolveOptions({ ...base, theme: 'blue' });
    expect(errorsOf(result)).toEqual(['theme must be one of auto, light, dark, got "blue"']);
  });

  it('ignores options it does not know', () => {
    expect(resolveOptions({ ...base, colour: 'red', onload: 'alert(1)' }, dataLabel).ok).toBe(true);
  });
});

describe('readAttributes', () => {
  it('reads the data-* attributes of a script tag and ignores unknown ones', () => {
    const script = document.createElement('script');
    script.setAttribute('src', '/parley.js');
    script.setAttribute('data-organization-id', ORG);
    script.setAttribute('data-prechat-fields', '');
    script.setAttribute('data-custom-fields', '{"a":"b"}');
    script.setAttribute('data-unknown', 'x');
    expect(readAttributes(script, 'data-')).toEqual({ organizationId: ORG, prechatFields: '', customFields: '{"a":"b"}' });
  });

  it('reads unprefixed attributes for the custom element', () => {
    const el = document.createElement('div');
    el.setAttribute('deployment-id', DEP);
    el.setAttribute('api-base', 'http://127.0.0.1:1');
    el.setAttribute('data-queue', 'ignored here');
    expect(readAttributes(el, '')).toEqual({ deploymentId: DEP, apiBase: 'http://127.0.0.1:1' });
  });
});
