import type * as vscode from 'vscode';
import type { Library } from '../core/library';
import { buildSearchIndex, type SearchIndex } from '../core/search';
import type { LibraryService } from '../library/libraryService';

/**
 * The search index of the current library: built on first use (in chunks, off the activation path) and
 * brought up to date, report by report, whenever the library changes.
 */
export class SearchService implements vscode.Disposable {
  private building: Promise<SearchIndex> | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly library: LibraryService, private readonly log: vscode.LogOutputChannel) {
    this.subscription = library.onDidChange(current => {
      if (this.building) this.building = this.building.then(index => this.refresh(index, current));
    });
  }

  index(): Promise<SearchIndex> {
    return (this.building ??= this.library.ready().then(async current => {
      const started = Date.now();
      const index = await buildSearchIndex(current);
      this.log.info(`Search index: ${index.size} items in ${Date.now() - started} ms`);
      return index;
    }));
  }

  private async refresh(index: SearchIndex, current: Library): Promise<SearchIndex> {
    await index.updateAsync(current);
    return index;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
