/**
 * Entry of the lazy bundle dist/agents.js: the agents' tool core and the @dossier answers. The extension
 * loads it at the first tool call or chat request (src/agents/), never on activation.
 */
export { createDossierTools } from '../core/tools';
export { answerQuestion, checkMarkdown, figuresMarkdown } from '../core/chatAnswer';
