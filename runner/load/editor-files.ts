/**
 * Files that editors leave beside the file being edited: swap, backup, lock and auto-save files. They are not
 * catalogue files and not mistakes either, so the loader passes over them instead of reporting them.
 */
const EDITOR_FILE_NAMES: readonly RegExp[] = [
  /^\..*\.sw[a-p]$/, // vim swap files: .test_x.yaml.swp, .swo, …
  /~$/, // backups of vim, emacs, gedit and others: test_x.yaml~
  /^\.#/, // emacs lock files (often dangling symbolic links): .#test_x.yaml
  /^#.*#$/, // emacs auto-save files: #test_x.yaml#
];

/** Whether a file name (without folders) is one an editor leaves behind. */
export function isEditorFile(name: string): boolean {
  return EDITOR_FILE_NAMES.some((pattern) => pattern.test(name));
}
