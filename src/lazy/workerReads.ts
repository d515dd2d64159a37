/**
 * PDF, web page, Word and big text reads in a worker thread, with a time limit on each file (see ./loadPdf.ts, which loads
 * this module — dist/workerReads.js — at the first such read, never on activation). The core's classes and the
 * text parser come from the caller (HostSide), not from a copy of the core in this bundle: the host's
 * ReportError, its packed spans and its parser are the ones the rest of the extension knows.
 */
import * as fs from 'fs';
import * as path from 'path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'worker_threads';
import type { ParsedReport } from '../core/parse';
import type { SourceSpan, SourceSpanList } from '../core/parse/spans';
import type * as PdfReader from './pdf';
import type { ReadAnswer, ReadRequest, ReportSlice } from './pdf';

/** What the reader takes from the host's core. */
export interface HostSide {
  /** a text report, web page or Word file read in this thread (no worker could start) */
  readHere(bytes: Uint8Array, name: string, format: Exclude<ReadRequest['format'], 'pdf'>): Promise<ParsedReport>;
  /** spans packed as the core packs them (packSpans) */
  pack(spans: readonly SourceSpan[]): SourceSpanList;
  /** the core's ReportError: a file refused, with the reason for the analyst */
  refused(message: string): Error;
}

/** A worker left idle this long is ended (its pdf.js heap with it); the next read starts another. */
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
  return `${fromBundle ? '' : "require('tsx/cjs/api').register();\n"}require(${file}).serveReads();`;
}

/** The worker could not start at all: read in this thread instead. */
class NoWorker extends Error {}

/** A started worker and the read it is doing (one at a time). */
interface Running {
  worker: Worker;
  /** the worker thread's /proc stat file, for its processor time */
  stat?: string;
  /** `kind`: what is read, for a message ("PDF", "text report") */
  reading?: {
    kind: string;
    slices: MessagePort;
    resolve(parsed: ParsedReport | Promise<ParsedReport>): void;
    reject(error: unknown): void;
  };
}

/**
 * PDF, web page, Word and big text reads in one worker thread, one file at a time. A file still unread at the time limit ends
 * the worker (neither pdf.js nor the parser can be interrupted otherwise) and is refused with a ReportError;
 * the next file starts a fresh one.
 */
export class WorkerReader {
  private running: Promise<Running> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private idle: ReturnType<typeof setTimeout> | undefined;
  private inThread = false;

  constructor(
    private readonly limitSeconds: () => number,
    private readonly host: HostSide,
  ) {}

  /** `kind`: what the file is, in a message ("PDF", "Markdown report": "The PDF took…"). */
  read(bytes: Uint8Array, name: string, format: ReadRequest['format'], kind: string): Promise<ParsedReport> {
    const next = this.queue.then(() => this.readNow(bytes, name, format, kind));
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

  /** The file read in this thread (no worker could start): pdf.js is loaded, the other readers are the host's. */
  private readInThread(bytes: Uint8Array, name: string, format: ReadRequest['format']): Promise<ParsedReport> {
    return format === 'pdf' ? pdfReader().readPdf(bytes, name) : this.host.readHere(bytes, name, format);
  }

  private async readNow(bytes: Uint8Array, name: string, format: ReadRequest['format'], kind: string): Promise<ParsedReport> {
    if (this.inThread) return this.readInThread(bytes, name, format);
    clearTimeout(this.idle);
    const starting = (this.running ??= this.start());
    let running: Running;
    try {
      running = await starting;
    } catch (error) {
      if (this.running === starting) this.running = undefined;
      if (!(error instanceof NoWorker)) throw error;
      this.inThread = true;
      return this.readInThread(bytes, name, format);
    }
    const { worker } = running;
    // a copy, handed over: the caller keeps its bytes
    const copy = await copied(bytes);
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
            running.reading?.slices.close();
            running.reading = undefined;
            if (this.running === starting) this.running = undefined;
            void worker.terminate();
            reject(this.host.refused(`The ${kind} took ${why} to read: skipped (setting dossier.maxPdfReadSeconds)`));
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
        const { port1, port2 } = new MessageChannel();
        running.reading = { kind, slices: port1, resolve: settle(resolve), reject: settle(reject) };
        worker.postMessage({ bytes: copy, name, format, slices: port2 } satisfies ReadRequest, [copy.buffer, port2]);
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

  /** A worker ready to read; rejects with NoWorker when none can start. */
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
        if (!running.reading) return;
        running.reading.slices.close();
        running.reading.reject(this.host.refused(`The reader stopped while reading the ${running.reading.kind}: ${why}`));
      };
      worker.on('message', (answer: ReadAnswer) => {
        if ('ready' in answer) {
          ready = true;
          running.stat = answer.stat;
          resolve(running);
        } else if ('parsed' in answer) {
          // answered: the time limit is over; the slices are taken in after it
          running.reading?.resolve(assemble(answer.parsed, answer.slices, running.reading.slices, this.host));
        } else {
          running.reading?.slices.close();
          running.reading?.reject(answer.refused ? this.host.refused(answer.error) : new Error(answer.error));
        }
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

/** Bytes copied in this many a turn of the event loop: copying 5 MB at once held the host 25–60 ms (page faults). */
const COPY_STEP = 1024 * 1024;

async function copied(bytes: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  const copy = new Uint8Array(bytes.length);
  for (let at = 0; at < bytes.length; at += COPY_STEP) {
    if (at > 0) await new Promise(setImmediate);
    copy.set(bytes.subarray(at, at + COPY_STEP), at);
  }
  return copy;
}

/** The report the worker sent, its slices taken in one a turn of the event loop (see ReportSlice). */
async function assemble(parsed: ParsedReport, count: number, port: MessagePort, host: HostSide): Promise<ParsedReport> {
  try {
    const { report } = parsed;
    // the worker sends them as an array (a structured clone keeps a class's fields, not the class)
    const spans = [...(parsed.spans as readonly SourceSpan[])];
    for (let i = 0; i < count; i++) {
      await new Promise(setImmediate);
      const slice = receiveMessageOnPort(port)?.message as ReportSlice | undefined;
      if (!slice) throw new Error(`The reader's answer came without its part ${i + 1} of ${count}`);
      const list: unknown[] =
        slice.to === 'paragraphs' ? report.sections.at(-1)!.paragraphs : slice.to === 'spans' ? spans : (report[slice.to] ??= []);
      for (const item of slice.items) list.push(item);
    }
    return { ...parsed, spans: host.pack(spans) };
  } finally {
    port.close();
  }
}
