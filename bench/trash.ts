/**
 * Moving folders out of the way instead of deleting them. On ext4, a burst of deleted inodes makes creating
 * files slow for a minute or more afterwards (the inode allocator skips recently deleted inodes one by one,
 * in the kernel): an output folder removed just before a measured run would bill the previous run's
 * deletion to it, as system time. What is moved aside is deleted once every measurement is done.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const TRASH = join(dirname(fileURLToPath(import.meta.url)), '.work', 'trash');
let moved = 0;

/** Renames `path` into the trash folder (nothing when it does not exist). */
export function moveAside(path: string): void {
  if (!existsSync(path)) return;
  mkdirSync(TRASH, { recursive: true });
  renameSync(path, join(TRASH, `${process.pid}-${moved++}`));
}

/** Deletes what `moveAside` kept: at the end of a bench run, after the last measurement. */
export function emptyTrash(): void {
  rmSync(TRASH, { recursive: true, force: true });
}
