/**
 * Entry of the lazy bundle dist/agents.js: the agents' tool core, the @dossier answers and its request
 * handler, the language-model tools' calls and the MCP server definition. The extension loads it at the first tool call or chat request (src/agents/), never on activation.
 */
export { createDossierTools } from '../core/tools';
export { answerQuestion, checkMarkdown, figuresMarkdown } from '../core/chatAnswer';
export { chatHandler } from '../agents/chatParticipant';
export { invocationMessage, invokeTool } from '../agents/languageModelTools';
export { mcpServerDefinitions } from '../agents/mcpServer';
export { cslFormatter } from '../cite/cslFormatter';
