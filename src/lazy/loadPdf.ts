/**
 * Loads the PDF reader (dist/pdf.js, pdf.js inside) at first use, never on activation, and runs it in a
 * worker thread with a time limit on each file: a damaged font table can keep pdf.js busy for seconds in one
 * call, which in the extension host would freeze every extension. From sources (tsx: tests, dev) the worker
 * loads src/lazy/pdf.ts, never a dist/pdf.js that may be older than the sources.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { ReportError } from '../core/errors';
import { textReader, type ReportReader } from '../core/formats';
import type { ParsedReport } from '../core/parse';
import { packSpans } from '../core/parse/spans';
import type * as PdfReader from './pdf';
import type { PdfReadAnswer, PdfReadRequest } from './pdf';

/** How long one PDF may take to read, in seconds, unless the analyst says otherwise (dossier.maxPdfReadSeconds). */
export const DEFAULT_PDF_READ_SECONDS = 20;
/** A worker left idle this long is ended (its pdf.js heap with it); the next PDF starts another. */
const IDLE_MS = 60_000;
/** How often the worker's processor time is looked at while it reads. */
const WATCH_MS = 250;
/**
 * On the wall clock a read may take this many times its limit: the limit counts the reading thread's
 * processor time (a busy machine's waits for a core are not the file's fault), this ends a read waiting on nothing.
 */
const WALL_FACTOR = 5;

/**
 * Processor time (ms) used so far by a process or thread, from its /proc stat file ("/proc/PID/stat",
 * "/proc/PID/task/TID/stat"); undefined where it cannot be read.
 */
export function processorTimeMs(statFile: string): number | undefined {
  try {
    // after the command name in parentheses (which may hold spaces): utime is field 14, stime 15, in 1/100 s
    const fields = fs.readFileSync(statFile, 'utf8').split(') ')[1]!.split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * 10 : undefined;
  } catch {
    return undefined;
  }
}

const bundled = path.join(__dirname, 'pdf.js');
const fromBundle = fs.existsSync(bundled);

let reader: typeof PdfReader | undefined;

/** The reader in this thread: where a worker thread cannot start (it always can in Node and VS Code). */
export function pdfReader(): typeof PdfReader {
  if (!reader) {
    const file = fromBundle ? bundled : path.join(__dirname, '..', 'lazy', 'pdf');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    reader = require(file) as typeof PdfReader;
  }
  return reader;
}

/** The worker's script: the reader's bundle (or, from sources, its TypeScript through tsx) serving reads. */
function workerScript(): string {
  const file = JSON.stringify(fromBundle ? bundled : path.join(__dirname, 'pdf.ts'));
  return `${fromBundle ? '' : "require('tsx/cjs/api').register();\n"}require(${file}).servePdfReads();`;
}

/** The worker could not start at all: read in this thread instead. */
class NoWorker extends Error {}

/** A started worker and the read it is doing (one at a time). */
interface Running {
  worker: Worker;
  /** the worker thread's /proc stat file, for its processor time */
  stat?: string;
  reading?: { resolve(parsed: ParsedReport): void; reject(error: unknown): void };
}

/**
 * PDF reads in one worker thread, one file at a time. A file still unread at the time limit ends the worker
 * (pdf.js cannot be interrupted otherwise) and is refused with a ReportError; the next file starts a fresh one.
 */
export class PdfWorkerReader {
  private running: Promise<Running> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private idle: ReturnType<typeof setTimeout> | undefined;
  private inThread = false;

  constructor(private readonly limitSeconds: () => number) {}

  read(bytes: Uint8Array, name: string): Promise<ParsedReport> {
    const next = this.queue.then(() => this.readNow(bytes, name));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Ends the worker (the extension's deactivation, a test's end, an idle minute). */
  async close(): Promise<void> {
    const running = this.running;
    this.running = undefined;
    clearTimeout(this.idle);
    if (running) await (await running.catch(() => undefined))?.worker.terminate();
  }

  private async readNow(bytes: Uint8Array, name: string): Promise<ParsedReport> {
    if (this.inThread) return pdfReader().readPdf(bytes, name);
    clearTimeout(this.idle);
    const starting = (this.running ??= this.start());
    let running: Running;
    try {
      running = await starting;
    } catch (error) {
      if (this.running === starting) this.running = undefined;
      if (!(error instanceof NoWorker)) throw error;
      this.inThread = true;
      return pdfReader().readPdf(bytes, name);
    }
    const { worker } = running;
    const seconds = this.limitSeconds();
    worker.ref();
    try {
      return await new Promise<ParsedReport>((resolve, reject) => {
        const cpuAtStart = running.stat ? processorTimeMs(running.stat) : undefined;
        const wallAtStart = Date.now();
        // processor time where it can be read (Linux), else the wall clock: why the read is over, if it is
        const over = (): string | undefined => {
          const wall = Date.now() - wallAtStart;
          const cpu = cpuAtStart === undefined ? undefined : processorTimeMs(running.stat!);
          if (cpuAtStart === undefined || cpu === undefined) return wall > seconds * 1000 ? `longer than ${seconds} s` : undefined;
          if (cpu - cpuAtStart > seconds * 1000) return `over ${seconds} s of processor time`;
          return wall > seconds * 1000 * WALL_FACTOR ? `longer than ${seconds * WALL_FACTOR} s` : undefined;
        };
        const timer = setInterval(
          () => {
            const why = over();
            if (!why) return;
            clearInterval(timer);
            running.reading = undefined;
            if (this.running === starting) this.running = undefined;
            void worker.terminate();
            reject(new ReportError(`The PDF took ${why} to read: skipped (setting dossier.maxPdfReadSeconds)`));
          },
          Math.min(WATCH_MS, seconds * 1000),
        );
        const settle =
          <T>(then: (value: T) => void) =>
          (value: T) => {
            clearInterval(timer);
            running.reading = undefined;
            then(value);
          };
        running.reading = { resolve: settle(resolve), reject: settle(reject) };
        // a copy, handed over: the caller keeps its bytes
        const copy = new Uint8Array(bytes);
        worker.postMessage({ bytes: copy, name } satisfies PdfReadRequest, [copy.buffer]);
      });
    } finally {
      if (this.running === starting) {
        // an idle worker keeps no process alive (the CLI exits) and is ended after a while
        worker.unref();
        this.idle = setTimeout(() => void this.close(), IDLE_MS);
        this.idle.unref();
      }
    }
  }

  /** A worker with pdf.js loaded; rejects with NoWorker when none can start. */
  private start(): Promise<Running> {
    return new Promise<Running>((resolve, reject) => {
      let worker: Worker;
      try {
        // the bundle needs none of the host's Node options; from sources tsx is registered by the script
        worker = new Worker(workerScript(), { eval: true, ...(fromBundle ? { execArgv: [] } : {}) });
      } catch (error) {
        reject(new NoWorker(String(error)));
        return;
      }
      const running: Running = { worker };
      let ready = false;
      const stopped = (why: string) => {
        if (!ready) reject(new NoWorker(why));
        running.reading?.reject(new ReportError(`The PDF reader stopped: ${why}`));
      };
      worker.on('message', (answer: PdfReadAnswer) => {
        if ('ready' in answer) {
          ready = true;
          running.stat = answer.stat;
          resolve(running);
        } else if ('parsed' in answer) running.reading?.resolve({ ...answer.parsed, spans: packSpans(answer.parsed.spans) });
        else running.reading?.reject(answer.refused ? new ReportError(answer.error) : new Error(answer.error));
      });
      worker.on('error', error => stopped(error.message));
      worker.on('exit', code => {
        stopped(`it ended (exit code ${code})`);
        void this.forget(running);
      });
    });
  }

  /** A worker that ended by itself is not used again. */
  private async forget(running: Running): Promise<void> {
    const current = this.running;
    if (current && (await current.catch(() => undefined)) === running && this.running === current) this.running = undefined;
  }
}

/** "%PDF-" within the first KB, as PDF readers accept it. */
function isPdf(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 1024) - 5;
  for (let i = 0; i <= end; i++) {
    if (bytes[i] === 0x25 && bytes[i + 1] === 0x50 && bytes[i + 2] === 0x44 && bytes[i + 3] === 0x46 && bytes[i + 4] === 0x2d) return true;
  }
  return false;
}

/**
 * PDF reports for a dossier's reader registry (`dossier.readers.register(pdfReportReader(…))`): the extension
 * and the CLI register one; pdf.js is loaded at the first PDF, not before, in a worker thread.
 */
export function pdfReportReader(limitSeconds: () => number = () => DEFAULT_PDF_READ_SECONDS): ReportReader & { close(): Promise<void> } {
  const worker = new PdfWorkerReader(limitSeconds);
  return {
    format: 'pdf',
    label: 'PDF',
    extensions: ['.pdf'],
    // by content: a file named .pdf that is not one (a Markdown copy, say) is read as what it is
    read: (bytes, name) => (isPdf(bytes) ? worker.read(bytes, name) : textReader.read(bytes, name)),
    close: () => worker.close(),
  };
}
