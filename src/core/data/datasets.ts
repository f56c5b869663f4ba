/** The data sets the explorer samples (docs/design.md §3's `data` key). */
export const DATASETS = ['gaussian', 'sparse', 'iris', 'digits', 'custom'] as const;
export type Dataset = (typeof DATASETS)[number];
