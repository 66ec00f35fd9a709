/**
 * **Interview: New Problem**: scaffolds `problems/<slug>.md` in a workspace kit from a template
 * and opens it. Never overwrites a file (a taken name gets `-2`, `-3`...). Without a workspace kit
 * it says so, and offers to create `.interview-kit/kit.yaml` in the first folder.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { pickOne } from '../quickPick';
import type { LoadedKit } from '../core/kit/types';
import { newKitYaml, problemTemplate } from '../core/problemTemplate';
import { problemSlug } from '../core/slug';
import { MANAGE_TRUST_COMMAND } from '../tree/guideTreeProvider';
import { kitDirOf } from '../settings';
import type { KitService } from './kitService';

export const NEW_PROBLEM_COMMAND = 'sdi.newProblem';

/** Writes `text` to `<dir>/<stem><ext>`, or `<stem>-2<ext>`... when taken (never over a file); returns the file written. */
export async function writeExclusive(dir: string, stem: string, text: string, ext = '.md'): Promise<string> {
  await fs.promises.mkdir(dir, { recursive: true });
  for (let n = 1; n < 1000; n++) {
    const file = path.join(dir, `${n === 1 ? stem : `${stem}-${n}`}${ext}`);
    try {
      await fs.promises.writeFile(file, text, { flag: 'wx' });
      return file;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  throw new Error(`every name from ${stem}${ext} to ${stem}-999${ext} is taken in ${dir}`);
}

async function chooseKit(kits: LoadedKit[], service: KitService): Promise<LoadedKit | undefined> {
  if (kits.length === 1) return kits[0];
  const picked = await pickOne(
    kits.map((kit) => ({ label: kit.name, description: kit.version, detail: service.dirOf(kit), kit })),
    { placeHolder: 'Add the problem to which kit?' },
  );
  return picked?.kit;
}

/** Offers to create a kit in the first workspace folder; returns whether one was created. */
async function offerNewKit(service: KitService): Promise<boolean> {
  if (service.restricted || !vscode.workspace.isTrusted) {
    const choice = await vscode.window.showWarningMessage('Team kits are not loaded in Restricted Mode, so Interview: New Problem cannot add a problem. Trust the workspace to use its kit.', 'Manage Workspace Trust');
    if (choice) await vscode.commands.executeCommand(MANAGE_TRUST_COMMAND);
    return false;
  }
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  if (!folder) {
    void vscode.window.showWarningMessage('Interview: New Problem adds a problem to a team kit, which lives in a workspace folder: open a folder first.');
    return false;
  }
  const dir = kitDirOf(folder);
  const rel = path.relative(folder.uri.fsPath, dir) || '.';
  const choice = await vscode.window.showWarningMessage(
    `Interview: New Problem adds a problem to a team kit, and this workspace has none (no ${rel}/kit.yaml).`,
    `Create ${rel}/kit.yaml`,
  );
  if (!choice) return false;
  await fs.promises.mkdir(path.join(dir, 'problems'), { recursive: true });
  try {
    await fs.promises.writeFile(path.join(dir, 'kit.yaml'), newKitYaml(`${folder.name} interview kit`), { flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  service.refresh(true);
  return true;
}

/** Registers `sdi.newProblem`; returns the file it wrote (for tests), undefined when cancelled. */
export function registerNewProblem(service: KitService): vscode.Disposable {
  return vscode.commands.registerCommand(NEW_PROBLEM_COMMAND, async (titleArg?: unknown) => {
    let kits = service.workspaceKits().filter((k) => k.ok);
    if (!kits.length) {
      if (!(await offerNewKit(service))) return undefined;
      kits = service.workspaceKits().filter((k) => k.ok);
      if (!kits.length) {
        const broken = service.workspaceKits()[0];
        void vscode.window.showErrorMessage(`The workspace's kit did not load${broken?.issues[0] ? `: ${broken.issues[0].file}: ${broken.issues[0].message}` : ''}.`);
        return undefined;
      }
    }
    const kit = await chooseKit(kits, service);
    if (!kit) return undefined;
    const title = typeof titleArg === 'string' && titleArg.trim() ? titleArg.trim() : await vscode.window.showInputBox({
      title: `New Problem in ${kit.name}`,
      prompt: 'The problem\'s title, e.g. "Design a Rate Limiter"',
      placeHolder: 'Design a …',
      validateInput: (v) => (v.trim() ? undefined : 'The problem needs a title.'),
    });
    if (!title?.trim()) return undefined;
    const dir = service.dirOf(kit);
    if (!dir) return undefined;
    const slug = problemSlug(title);
    const taken = new Set(kit.problems.map((p) => p.id));
    let id = slug;
    for (let n = 2; taken.has(id); n++) id = `${slug}-${n}`;
    const file = await writeExclusive(path.join(dir, 'problems'), id, problemTemplate(kit, id, title.trim()));
    // The file may have got a suffix: its id must equal its name.
    const stem = path.basename(file, '.md');
    if (stem !== id) await fs.promises.writeFile(file, problemTemplate(kit, stem, title.trim()));
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(doc, { preview: false });
    return file;
  });
}
