// The parts of markdown-it 14 Dossier uses (the package ships no type declarations); its tokens are typed
// structurally in src/core/memoMarkdown.ts.
declare module 'markdown-it' {
  import type { MarkdownItLike, MdToken } from '../core/memoMarkdown';
  interface Options {
    html?: boolean;
    linkify?: boolean;
    typographer?: boolean;
  }
  class MarkdownIt implements MarkdownItLike {
    constructor(options?: Options);
    core: MarkdownItLike['core'];
    block: MarkdownItLike['block'];
    inline: MarkdownItLike['inline'];
    renderer: MarkdownItLike['renderer'] & { render(tokens: MdToken[], options: unknown, env: object): string };
    options: Options & Record<string, unknown>;
    parse(src: string, env: object): MdToken[];
    parseInline(src: string, env: object): MdToken[];
    render(src: string, env?: object): string;
    renderInline(src: string, env?: object): string;
  }
  export default MarkdownIt;
}
