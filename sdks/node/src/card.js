// Turns an agent declaration into the AgentRegistration (agent id + lf.a2a.v1.AgentCard) sent in Hello.

import { toStruct } from './values.js';

const AGENT_ID = /^[A-Za-z0-9._-]+$/;
const DEFAULT_MODES = Object.freeze(['text/plain']);

const strings = (list) => (list == null ? [] : Array.from(list, String));

/**
 * @typedef {object} SkillDeclaration
 * @property {string} id
 * @property {string} [name]          defaults to the id
 * @property {string} [description]
 * @property {string[]} [tags]
 * @property {string[]} [examples]
 * @property {string[]} [inputModes]
 * @property {string[]} [outputModes]
 *
 * @typedef {object} ExtensionDeclaration  an A2A extension the agent supports (capabilities.extensions)
 * @property {string} uri
 * @property {string} [description]
 * @property {boolean} [required]      clients must activate it (A2A-Extensions) or AgentX refuses their messages
 *                                     with ExtensionSupportRequired; defaults to false
 * @property {object} [params]         the extension's own settings, a plain JSON object
 *
 * @typedef {object} AgentDeclaration
 * @property {string} id              served as /agents/{id}: letters, digits, '-', '_' and '.'
 * @property {string} [name]          defaults to the id
 * @property {string} [description]
 * @property {string} [version]       defaults to "0.1.0"
 * @property {boolean} [streaming]    capabilities.streaming, defaults to true
 * @property {string[]} [defaultInputModes]   defaults to ["text/plain"]
 * @property {string[]} [defaultOutputModes]  defaults to ["text/plain"]
 * @property {SkillDeclaration[]} [skills]
 * @property {ExtensionDeclaration[]} [extensions]  the ones a client asks to use are in request.extensions
 * @property {{ organization: string, url?: string }} [provider]
 * @property {string} [documentationUrl]
 * @property {string} [iconUrl]
 * @property {string} [framework]     the framework the agent is built with ("langchain", "mastra"…)
 * @property {boolean} [resumesTasks] the agent picks up its tasks again after AgentX restarted while it worked on
 *                                    them (its handler gets them with request.resumed set) instead of AgentX failing
 *                                    them; defaults to false
 */

/** Throws a TypeError naming what is wrong with an agent declaration. */
export function validateAgent(agent) {
  if (agent == null || typeof agent !== 'object') throw new TypeError('an agent declaration is an object');
  if (typeof agent.id !== 'string' || !AGENT_ID.test(agent.id)) {
    throw new TypeError(`invalid agent id ${JSON.stringify(agent.id)}: use letters, digits, '-', '_' and '.'`);
  }
  for (const skill of agent.skills ?? []) {
    if (typeof skill?.id !== 'string' || skill.id === '') {
      throw new TypeError(`agent ${agent.id}: every skill needs a string id`);
    }
  }
  for (const extension of agent.extensions ?? []) {
    if (typeof extension?.uri !== 'string' || extension.uri === '') {
      throw new TypeError(`agent ${agent.id}: every extension needs a string uri`);
    }
    if (extension.params != null && (typeof extension.params !== 'object' || Array.isArray(extension.params))) {
      throw new TypeError(`agent ${agent.id}: the params of extension ${extension.uri} must be a plain object`);
    }
  }
}

function extensionCard(extension) {
  const card = { uri: extension.uri, description: extension.description ?? '', required: extension.required === true };
  if (extension.params != null) card.params = toStruct(extension.params);
  return card;
}

function skillCard(skill) {
  return {
    id: skill.id,
    name: skill.name ?? skill.id,
    description: skill.description ?? '',
    tags: strings(skill.tags),
    examples: strings(skill.examples),
    inputModes: strings(skill.inputModes),
    outputModes: strings(skill.outputModes),
  };
}

/** The AgentRegistration for a declaration (interfaces are left empty: AgentX fills them). */
export function agentRegistration(agent) {
  const card = {
    name: agent.name ?? agent.id,
    description: agent.description ?? '',
    version: agent.version ?? '0.1.0',
    capabilities: {
      streaming: agent.streaming ?? agent.capabilities?.streaming ?? true,
      extensions: (agent.extensions ?? []).map(extensionCard),
    },
    defaultInputModes: strings(agent.defaultInputModes ?? DEFAULT_MODES),
    defaultOutputModes: strings(agent.defaultOutputModes ?? DEFAULT_MODES),
    skills: (agent.skills ?? []).map(skillCard),
  };
  if (agent.provider != null) {
    card.provider = { organization: agent.provider.organization ?? '', url: agent.provider.url ?? '' };
  }
  if (agent.documentationUrl != null) card.documentationUrl = agent.documentationUrl;
  if (agent.iconUrl != null) card.iconUrl = agent.iconUrl;
  return { agentId: agent.id, card, framework: agent.framework ?? '', resumesTasks: agent.resumesTasks === true };
}
