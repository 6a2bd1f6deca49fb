import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Every file under `folder`, by repository-relative POSIX path: a tree for the fake GitHub port. */
export function folderFiles(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.isFile())
        files[relative(folder, path).split(sep).join('/')] = readFileSync(path, 'utf8');
    }
  };
  visit(folder);
  return files;
}
