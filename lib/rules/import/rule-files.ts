/**
 * What an import receives — uploaded files, or files and folders on disk — as a flat list of rule
 * files: `.zip` and `.tar.gz`/`.tgz` archives are opened (members named `archive.zip!path/x.toml`),
 * folders walked. Bounded: each archive's members are counted and sized from their headers before
 * anything is inflated, and the total decompressed size is capped, so an archive bomb is refused.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { unzipSync } from "fflate";
import { extract } from "tar-stream";
import { Readable } from "node:stream";

export interface RuleFile {
  /** The name errors and results report (the upload's name, the path, or `archive!member`). */
  name: string;
  text: string;
}

export interface Upload {
  name: string;
  bytes: Uint8Array;
}

export const IMPORT_LIMITS = {
  /** Bytes of one upload request, as sent (compressed archives included). */
  maxUploadBytes: 32 * 1024 * 1024,
  /** Decompressed bytes of all files of one import. */
  maxTotalBytes: 64 * 1024 * 1024,
  /** Files of one import, archive members included. */
  maxFiles: 20_000,
};

export class ImportInputError extends Error {}

const RULE_FILE = /\.(toml|ndjson|json)$/i;
const ARCHIVE = /\.(zip|tar\.gz|tgz|tar)$/i;

/** A budget shared by every file of one import. */
class Budget {
  bytes = 0;
  files = 0;
  take(name: string, size: number) {
    this.bytes += size;
    this.files++;
    if (this.bytes > IMPORT_LIMITS.maxTotalBytes) throw new ImportInputError(`${name}: the import exceeds ${IMPORT_LIMITS.maxTotalBytes / 1024 / 1024} MB of rule files once decompressed`);
    if (this.files > IMPORT_LIMITS.maxFiles) throw new ImportInputError(`${name}: the import holds more than ${IMPORT_LIMITS.maxFiles} files`);
  }
}

const decoder = new TextDecoder("utf-8", { fatal: true });
function textOf(name: string, bytes: Uint8Array): string {
  try {
    return decoder.decode(bytes);
  } catch {
    throw new ImportInputError(`${name}: not UTF-8 text`);
  }
}

/** The rule files of uploaded files (rule files as they are, archives opened). Throws ImportInputError naming the file. */
export async function ruleFilesOfUploads(uploads: Upload[]): Promise<{ files: RuleFile[]; ignored: string[] }> {
  const budget = new Budget();
  const files: RuleFile[] = [];
  const ignored: string[] = [];
  for (const u of uploads) await addUpload(u, budget, files, ignored);
  return { files, ignored };
}

async function addUpload(u: Upload, budget: Budget, files: RuleFile[], ignored: string[]): Promise<void> {
  if (/\.zip$/i.test(u.name)) return addZip(u, budget, files, ignored);
  if (/\.(tar\.gz|tgz|tar)$/i.test(u.name)) return addTar(u, budget, files, ignored);
  if (!RULE_FILE.test(u.name)) {
    ignored.push(u.name);
    return;
  }
  budget.take(u.name, u.bytes.length);
  files.push({ name: u.name, text: textOf(u.name, u.bytes) });
}

function addZip(u: Upload, budget: Budget, files: RuleFile[], ignored: string[]): void {
  let members: Record<string, Uint8Array>;
  try {
    // The filter sees each member's declared size before it is inflated; fflate stops at that size.
    members = unzipSync(u.bytes, {
      filter: (f) => {
        if (f.name.endsWith("/")) return false;
        if (!RULE_FILE.test(f.name)) {
          ignored.push(`${u.name}!${f.name}`);
          return false;
        }
        budget.take(`${u.name}!${f.name}`, f.originalSize);
        return true;
      },
    });
  } catch (err) {
    if (err instanceof ImportInputError) throw err;
    throw new ImportInputError(`${u.name}: not a readable zip archive (${(err as Error).message})`);
  }
  for (const [name, bytes] of Object.entries(members).sort(([a], [b]) => a.localeCompare(b))) {
    const where = `${u.name}!${name}`;
    files.push({ name: where, text: textOf(where, bytes) });
  }
}

async function addTar(u: Upload, budget: Budget, files: RuleFile[], ignored: string[]): Promise<void> {
  let tar: Buffer;
  try {
    tar = /\.tar$/i.test(u.name) ? Buffer.from(u.bytes) : gunzipSync(u.bytes, { maxOutputLength: IMPORT_LIMITS.maxTotalBytes - budget.bytes + 1024 * 1024 });
  } catch (err) {
    throw new ImportInputError(`${u.name}: not a readable gzip archive, or larger than ${IMPORT_LIMITS.maxTotalBytes / 1024 / 1024} MB decompressed (${(err as Error).message})`);
  }
  const ex = extract();
  const done = new Promise<void>((resolve, reject) => {
    ex.on("entry", (header, stream, next) => {
      const where = `${u.name}!${header.name.replace(/^\.\//, "")}`;
      if (header.type !== "file" || !RULE_FILE.test(header.name) || /(^|\/)\._/.test(header.name)) {
        if (header.type === "file") ignored.push(where);
        stream.resume();
        stream.on("end", next);
        return;
      }
      try {
        budget.take(where, header.size ?? 0);
      } catch (err) {
        reject(err);
        return;
      }
      const chunks: Buffer[] = [];
      stream.on("data", (c: unknown) => void chunks.push(c as Buffer));
      stream.on("end", () => {
        try {
          files.push({ name: where, text: textOf(where, Buffer.concat(chunks)) });
          next();
        } catch (err) {
          reject(err);
        }
      });
    });
    ex.on("finish", resolve);
    ex.on("error", (err) => reject(new ImportInputError(`${u.name}: not a readable tar archive (${err.message})`)));
  });
  Readable.from([tar]).pipe(ex);
  await done;
}

/** The rule files under paths on disk: files, folders (walked in name order) and archives. */
export async function ruleFilesOfPaths(paths: string[]): Promise<{ files: RuleFile[]; ignored: string[] }> {
  const uploads: Upload[] = [];
  const visit = (p: string) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new ImportInputError(`${p}: no such file or folder`);
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) {
        const child = path.join(p, name);
        if (statSync(child).isDirectory() || RULE_FILE.test(name) || ARCHIVE.test(name)) visit(child);
      }
    } else uploads.push({ name: p, bytes: readFileSync(p) });
  };
  paths.forEach(visit);
  return ruleFilesOfUploads(uploads);
}
