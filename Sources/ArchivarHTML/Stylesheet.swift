/// The archive's one stylesheet (`style.css`): written by the HTML publisher and
/// served by the web server, so static pages and search results look the same.
/// Readable measure, system fonts only, WCAG AA contrast, no JavaScript needed.
public enum Stylesheet {
    /// The file's name at the archive root, as `PageLayout` links it.
    public static let fileName = "style.css"

    /// The CSS text.
    public static let css = """
    :root {
      --text: #1d1f21;
      --muted: #4a5057;
      --accent: #0b5394;
      --accent-visited: #5b2a86;
      --line: #d5d9de;
      --soft: #f3f5f7;
      --mark: #fff1a8;
    }
    *, *::before, *::after { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
    body {
      margin: 0;
      font: 1.0625rem/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
      color: var(--text);
      background: #fff;
    }
    a { color: var(--accent); }
    a:visited { color: var(--accent-visited); }
    a:hover { color: #06325c; }
    a:focus-visible, button:focus-visible, input:focus-visible {
      outline: 3px solid #e8a33d;
      outline-offset: 2px;
    }
    .skip { position: absolute; left: -999px; top: 0; background: #fff; padding: 0.5rem 1rem; }
    .skip:focus { left: 0.5rem; z-index: 10; }

    body > header, main, body > footer { max-width: 64rem; margin: 0 auto; padding: 0 1.25rem; }
    body > header {
      display: flex; flex-wrap: wrap; align-items: center; gap: 0.75rem 2rem;
      padding-top: 1rem; padding-bottom: 1rem; border-bottom: 1px solid var(--line);
    }
    .site-title { margin: 0; font-size: 1.25rem; font-weight: 700; }
    .site-title a { color: var(--text); text-decoration: none; }
    body > header nav ul { display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; margin: 0; padding: 0; list-style: none; }
    body > header nav a { text-decoration: none; }
    body > header nav a[aria-current="page"] { font-weight: 700; text-decoration: underline; }
    form.search { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; margin: 0 0 1rem; }
    body > header form.search { margin: 0 0 0 auto; }
    form.search label { font-size: 0.9375rem; color: var(--muted); }
    form.search input {
      font: inherit; padding: 0.3rem 0.5rem; min-width: 12rem;
      border: 1px solid #6b737b; border-radius: 4px;
    }
    form.search button {
      font: inherit; padding: 0.3rem 0.9rem; color: #fff; background: var(--accent);
      border: 1px solid var(--accent); border-radius: 4px; cursor: pointer;
    }
    main { padding-top: 1.5rem; padding-bottom: 3rem; }
    main > * { max-width: 48rem; }
    body > footer { padding-top: 1rem; padding-bottom: 2rem; border-top: 1px solid var(--line); color: var(--muted); font-size: 0.9375rem; }

    h1 { font-size: 1.875rem; line-height: 1.25; margin: 0.5rem 0 1rem; }
    h2 { font-size: 1.375rem; line-height: 1.3; margin: 2rem 0 0.75rem; padding-bottom: 0.25rem; border-bottom: 1px solid var(--line); }
    h3 { font-size: 1.125rem; margin: 1.5rem 0 0.5rem; color: var(--muted); }
    p, ul, ol, dl { margin: 0 0 1rem; }

    .toc ul { display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; padding: 0; list-style: none; }
    .records { padding-left: 0; list-style: none; }
    .records > li { padding: 0.6rem 0; border-bottom: 1px solid var(--line); }
    .records > li:last-child { border-bottom: 0; }
    .records .meta { display: block; color: var(--muted); font-size: 0.9375rem; }
    .citations { padding-left: 1.25rem; }
    .citations > li { margin-bottom: 0.6rem; }
    .citations a { color: var(--text); text-decoration-color: var(--line); }
    .citations a:hover { color: var(--accent); text-decoration-color: currentColor; }

    .record > header { margin-bottom: 1.5rem; }
    .record .kind { margin: 0; color: var(--muted); font-size: 0.9375rem; text-transform: uppercase; letter-spacing: 0.04em; }
    .record .citation { padding: 0.75rem 1rem; background: var(--soft); border-left: 4px solid var(--accent); }
    .facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.35rem 1.25rem; }
    .facts dt { font-weight: 600; }
    .facts dd { margin: 0; overflow-wrap: anywhere; }
    .content { overflow-wrap: break-word; }
    .content img { max-width: 100%; height: auto; }
    .original a { font-weight: 600; }

    .pagination { display: flex; justify-content: space-between; gap: 1rem; padding: 0; list-style: none; }
    mark { background: var(--mark); color: inherit; padding: 0 0.1em; }
    .visually-hidden {
      position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0;
      overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
    }

    main > form.search input { flex: 0 1 28rem; }
    .search-help { margin: 0 0 1rem; color: var(--muted); }
    .search-help summary, .facets summary { cursor: pointer; color: var(--accent); }
    summary:focus-visible { outline: 3px solid #e8a33d; outline-offset: 2px; }
    .search-help p { margin: 0.5rem 0 0; }
    .search-notes { margin: 0 0 1rem; padding: 0.5rem 1rem; background: var(--soft); border-left: 4px solid #e8a33d; }
    .search-notes p { margin: 0.25rem 0; }
    .suggestion a { font-weight: 600; }
    .active-filters { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 0.75rem; margin: 0 0 1rem; }
    .active-filters p, .active-filters ul { margin: 0; }
    .active-filters ul { display: flex; flex-wrap: wrap; gap: 0.5rem; padding: 0; list-style: none; }
    .active-filters a {
      display: inline-block; padding: 0.15rem 0.7rem; border: 1px solid var(--accent);
      border-radius: 1rem; text-decoration: none;
    }
    main > .search-layout { max-width: none; }
    .search-layout { display: grid; grid-template-columns: minmax(0, 1fr) 15rem; gap: 0 2.5rem; align-items: start; }
    .search-layout h2 { margin-top: 0.5rem; }
    .results { padding-left: 2.25rem; }
    .results > li { padding: 0.6rem 0; border-bottom: 1px solid var(--line); }
    .results h3 { margin: 0 0 0.2rem; font-size: 1.125rem; color: var(--text); }
    .results .meta { margin: 0 0 0.2rem; color: var(--muted); font-size: 0.9375rem; }
    .results .snippet { margin: 0; overflow-wrap: break-word; }
    .facets h2 { font-size: 1.125rem; }
    .facets h3 { margin: 1rem 0 0.3rem; font-size: 1rem; color: var(--text); }
    .facets ul { margin: 0; padding: 0; list-style: none; }
    .facets li { padding: 0.15rem 0; overflow-wrap: anywhere; }
    .facets .count { color: var(--muted); }
    .facets .selected { font-weight: 700; }
    .facets summary { margin: 0.25rem 0; }
    nav.pagination ul { display: flex; flex-wrap: wrap; gap: 0.25rem 0.9rem; margin: 1rem 0; padding: 0; list-style: none; }
    nav.pagination a[aria-current="page"] { font-weight: 700; color: var(--text); text-decoration: none; border-bottom: 3px solid var(--accent); }

    @media (max-width: 52rem) {
      .search-layout { grid-template-columns: 1fr; }
    }
    @media (max-width: 40rem) {
      body { font-size: 1rem; }
      h1 { font-size: 1.5rem; }
      body > header form.search, form.search { margin-left: 0; width: 100%; }
      form.search input { flex: 1; min-width: 0; }
      .facts { grid-template-columns: 1fr; }
      .facts dd { margin-bottom: 0.5rem; }
    }
    @media print {
      body > header nav, form.search, .skip, body > footer { display: none; }
      a { color: inherit; }
    }

    """
}
