// The formats `roster review` writes, apart from the review itself: the command tree offers them
// without loading the renderers.
export const REVIEW_FORMATS = ['markdown', 'html', 'csv', 'json'] as const;
