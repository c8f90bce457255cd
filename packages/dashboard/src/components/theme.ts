/** The system font stack of styles.css (--font), for canvas text that CSS does not reach. */
export const fontStack =
  "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif";
