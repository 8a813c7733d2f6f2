// One format for every file, so diffs show changes, not taste.
export default {
  printWidth: 110,
};
