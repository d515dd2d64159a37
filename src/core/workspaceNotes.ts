/**
 * Which of the workspace's Markdown files Show All Mentions and Check All Notes read as notes, and what they
 * say about the ones left out. An open note is always read (the editor already holds it, unsaved edits
 * included); files on disk are read up to a number of files and a size each, so a workspace with a vendored
 * documentation tree or a generated dump neither hangs the command nor fills memory.
 */
import { MAX_NOTE_LENGTH } from './note';

/** At most this many notes are read from disk in one command. */
export const MAX_WORKSPACE_NOTES = 1000;
/** A Markdown file larger than this is not read from disk: the note limit (2 MB), as the fact-check's. */
export const MAX_NOTE_FILE_BYTES = MAX_NOTE_LENGTH;

/** A Markdown file found in the workspace (or an open note). */
export interface NoteFile {
  /** its URI, as a string */
  location: string;
  /** bytes on disk; not needed for an open note */
  size?: number;
  /** open in an editor: read from there, whatever its size */
  open?: boolean;
}

export interface NotesToRead<T extends NoteFile> {
  /** open notes first, then files on disk in the order given */
  read: T[];
  /** files over MAX_NOTE_FILE_BYTES, not read */
  tooLarge: T[];
  /** more files on disk than the limit: the rest were not read */
  capped: boolean;
}

/**
 * The notes to read out of the files found (each location once; `skip`: files that are no notes, such as
 * the library's own Markdown reports). `found` may hold one file more than `limit`, to tell that it cut.
 */
export function notesToRead<T extends NoteFile>(
  found: readonly T[],
  skip: ReadonlySet<string> = new Set(),
  limit = MAX_WORKSPACE_NOTES,
): NotesToRead<T> {
  const seen = new Set(skip);
  const open: T[] = [];
  const onDisk: T[] = [];
  const tooLarge: T[] = [];
  for (const file of found) {
    if (seen.has(file.location)) continue;
    seen.add(file.location);
    if (file.open) open.push(file);
    else if ((file.size ?? 0) > MAX_NOTE_FILE_BYTES) tooLarge.push(file);
    else onDisk.push(file);
  }
  return { read: [...open, ...onDisk.slice(0, limit)], tooLarge, capped: onDisk.length > limit };
}

/** What to tell the analyst about the files left out; undefined when every note was read. */
export function notesLeftOut(notes: NotesToRead<NoteFile>, limit = MAX_WORKSPACE_NOTES): string | undefined {
  const parts: string[] = [];
  if (notes.capped) parts.push(`only the first ${limit.toLocaleString('en-US')} Markdown files of the workspace were read`);
  const large = notes.tooLarge.length;
  if (large > 0) {
    const mb = Math.round(MAX_NOTE_FILE_BYTES / 1e6);
    parts.push(large === 1 ? `1 file over ${mb} MB was not read` : `${large.toLocaleString('en-US')} files over ${mb} MB were not read`);
  }
  if (parts.length === 0) return undefined;
  const sentence = parts.join('; ');
  return `${sentence[0]!.toUpperCase()}${sentence.slice(1)}.`;
}
