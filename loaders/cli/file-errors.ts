/**
 * A file-system error (ENOTDIR, EACCES, ENOSPC, …) told in words a user can act on: which path, what is
 * wrong with it, and what to do. Node's own message ("ENOTDIR: not a directory, unlink '/x/.y'") names
 * neither the option nor the remedy.
 */

const ADVICE: Record<string, string> = {
  ENOTDIR:
    "a part of that path is a file, not a folder. Choose a path whose parent folders are folders (or remove the file in the way)",
  EISDIR: "that path is a folder where a file was expected. Give the path of a file inside it",
  EEXIST: "something already exists at that path. Choose another path or remove what is there",
  ENOENT: "that path does not exist. Check the spelling, or create the folder first",
  EACCES: "permission denied. Choose a location you may write to, or change the permissions of that folder",
  EPERM:
    "the operation is not permitted there. Choose a location you may write to, or change the permissions of that folder",
  EROFS: "the file system is read-only. Choose a location on a writable disk",
  ENOSPC: "the disk is full. Free some space on that disk, or choose a location on another disk",
  EDQUOT: "the disk quota is exhausted. Free some space, or choose a location on another disk",
  EMFILE: "too many files are open. Close other programs and try again",
  EBUSY: "the file is in use by another program. Close it there and try again"
};

interface NodeFileError {
  code?: unknown;
  path?: unknown;
  dest?: unknown;
  syscall?: unknown;
}

/** The explanation of a Node.js file-system error, or null when `error` is not one. */
export function explainFileError(error: unknown): string | null {
  if (error === null || typeof error !== "object") return null;
  const e = error as NodeFileError;
  if (typeof e.code !== "string" || !(e.code in ADVICE) || typeof e.path !== "string") return null;
  const action = typeof e.syscall === "string" ? ` (${e.syscall})` : "";
  const dest = typeof e.dest === "string" ? ` → ${e.dest}` : "";
  return `Cannot use ${e.path}${dest}${action}: ${ADVICE[e.code]}. [${e.code}]`;
}
