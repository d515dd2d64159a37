/**
 * Entry of the lazy bundle dist/publish.js: the memo's markdown-it plugin for VS Code's preview and Export
 * Memo… (src/publish/publisher.ts), required at their first use so extension.js stays small.
 */
export { createPublisher, type Publisher } from '../publish/publisher';
