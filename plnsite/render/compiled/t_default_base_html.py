from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'base.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_site = resolve('site')
    l_0_page = resolve('page')
    l_0_t = resolve('t')
    pass
    yield '<!doctype html>\n<html lang="'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'language'))
    yield '" dir="'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'direction'))
    yield '">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>'
    yield from context.blocks['title'][0](context)
    yield '</title>\n'
    if environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'description'):
        pass
        yield '<meta name="description" content="'
        yield escape(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'description'))
        yield '">\n'
    if environment.getattr(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'author'), 'name'):
        pass
        yield '<meta name="author" content="'
        yield escape(environment.getattr(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'author'), 'name'))
        yield '">\n'
    if environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'noindex'):
        pass
        yield '<meta name="robots" content="noindex">\n'
    else:
        pass
        yield '<link rel="canonical" href="'
        yield escape(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'absolute_url'))
        yield '">\n'
    yield '<meta name="color-scheme" content="light dark">\n<meta name="generator" content="plnsite">\n'
    for l_1_href in environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'stylesheets'):
        _loop_vars = {}
        pass
        yield '<link rel="stylesheet" href="'
        yield escape(l_1_href)
        yield '">\n'
    l_1_href = missing
    if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'favicon'):
        pass
        yield '<link rel="icon" href="'
        yield escape(environment.getattr(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'favicon'), 'url'))
        yield '" type="'
        yield escape(environment.getattr(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'favicon'), 'type'))
        yield '">\n'
    yield '<link rel="alternate" type="application/rss+xml" title="'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title'))
    yield ' (RSS)" href="'
    yield escape(environment.getattr(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'feeds'), 'rss'))
    yield '">\n<link rel="alternate" type="application/atom+xml" title="'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title'))
    yield ' (Atom)" href="'
    yield escape(environment.getattr(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'feeds'), 'atom'))
    yield '">\n<link rel="alternate" type="application/feed+json" title="'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title'))
    yield ' (JSON Feed)" href="'
    yield escape(environment.getattr(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'feeds'), 'json'))
    yield '">\n'
    for l_1_alt in environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'alternates'):
        _loop_vars = {}
        pass
        yield '<link rel="alternate" type="'
        yield escape(environment.getattr(l_1_alt, 'type'))
        yield '" title="'
        yield escape(environment.getattr(l_1_alt, 'title'))
        yield '" href="'
        yield escape(environment.getattr(l_1_alt, 'url'))
        yield '">\n'
    l_1_alt = missing
    yield '<link rel="blogroll" type="text/xml" title="'
    yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), '{site}: blogroll (OPML)', site=environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title')))
    yield '" href="'
    yield escape(environment.getattr(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'feeds'), 'opml'))
    yield '">\n'
    for l_1_link in environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'social'):
        _loop_vars = {}
        pass
        yield '<link rel="me" href="'
        yield escape(environment.getattr(l_1_link, 'url'))
        yield '">\n'
    l_1_link = missing
    if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'webmention'):
        pass
        yield '<link rel="webmention" href="'
        yield escape(environment.getattr(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'webmention'), 'endpoint'))
        yield '">\n'
        if environment.getattr(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'webmention'), 'pingback'):
            pass
            yield '<link rel="pingback" href="'
            yield escape(environment.getattr(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'webmention'), 'pingback'))
            yield '">\n'
    if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'mastodon_creator'):
        pass
        yield '<meta name="fediverse:creator" content="'
        yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'mastodon_creator'))
        yield '">\n'
    yield '<meta property="og:site_name" content="'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title'))
    yield '">\n<meta property="og:title" content="'
    yield escape(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'title'))
    yield '">\n<meta property="og:type" content="'
    yield escape(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'og_type'))
    yield '">\n<meta property="og:url" content="'
    yield escape(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'absolute_url'))
    yield '">\n'
    if environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'description'):
        pass
        yield '<meta property="og:description" content="'
        yield escape(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'description'))
        yield '">\n'
    if environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'image'):
        pass
        yield '<meta property="og:image" content="'
        yield escape(environment.getattr(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'image'), 'url'))
        yield '">\n'
        if environment.getattr(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'image'), 'type'):
            pass
            yield '<meta property="og:image:type" content="'
            yield escape(environment.getattr(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'image'), 'type'))
            yield '">\n'
        if environment.getattr(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'image'), 'width'):
            pass
            yield '<meta property="og:image:width" content="'
            yield escape(environment.getattr(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'image'), 'width'))
            yield '">\n<meta property="og:image:height" content="'
            yield escape(environment.getattr(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'image'), 'height'))
            yield '">\n'
        yield '<meta property="og:image:alt" content="'
        yield escape(environment.getattr(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'image'), 'alt'))
        yield '">\n'
    yield '<meta name="twitter:card" content="summary_large_image">\n'
    if environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'article'):
        pass
        yield '<meta property="article:published_time" content="'
        yield escape(environment.getattr(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'article'), 'published_iso'))
        yield '">\n'
        if environment.getattr(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'article'), 'modified_iso'):
            pass
            yield '<meta property="article:modified_time" content="'
            yield escape(environment.getattr(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'article'), 'modified_iso'))
            yield '">\n'
        if environment.getattr(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'author'), 'name'):
            pass
            yield '<meta property="article:author" content="'
            yield escape(environment.getattr(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'author'), 'name'))
            yield '">\n'
        for l_1_tag in environment.getattr(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'article'), 'tags'):
            _loop_vars = {}
            pass
            yield '<meta property="article:tag" content="'
            yield escape(l_1_tag)
            yield '">\n'
        l_1_tag = missing
    for l_1_src in environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'scripts'):
        _loop_vars = {}
        pass
        yield '<script src="'
        yield escape(l_1_src)
        yield '" defer></script>\n'
    l_1_src = missing
    yield from context.blocks['head'][0](context)
    yield '</head>\n<body class="kind-'
    yield escape(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'kind'))
    yield '">\n<a class="skip-link" href="#main">'
    yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Skip to content'))
    yield '</a>\n<header class="site-header">\n  <div class="wrap header-inner">\n    <p class="site-title"><a href="'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'home_url'))
    yield '"'
    if (environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'kind') == 'home'):
        pass
        yield ' aria-current="page"'
    yield '>'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title'))
    yield '</a></p>\n'
    if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'menu'):
        pass
        yield '    <nav class="site-nav" aria-label="'
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Main'))
        yield '">\n      <ul>\n'
        for l_1_item in environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'menu'):
            _loop_vars = {}
            pass
            yield '        <li><a href="'
            yield escape(environment.getattr(l_1_item, 'url'))
            yield '"'
            if environment.getattr(l_1_item, 'aria_current'):
                pass
                yield ' aria-current="'
                yield escape(environment.getattr(l_1_item, 'aria_current'))
                yield '"'
            yield '>'
            yield escape(environment.getattr(l_1_item, 'title'))
            yield '</a></li>\n'
        l_1_item = missing
        yield '      </ul>\n    </nav>\n'
    if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'search'):
        pass
        yield '    <form class="site-search" role="search" action="'
        yield escape(environment.getattr(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'search'), 'url'))
        yield '" method="get">\n      <label class="visually-hidden" for="site-search-q">'
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Search this site'))
        yield '</label>\n      <input id="site-search-q" type="search" name="q" placeholder="'
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Search'))
        yield '" autocomplete="off">\n      <button type="submit">'
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Search'))
        yield '</button>\n    </form>\n'
    yield '  </div>\n</header>\n<main id="main" class="wrap" tabindex="-1">\n'
    yield from context.blocks['content'][0](context)
    yield '</main>\n<footer class="site-footer">\n  <div class="wrap footer-inner">\n'
    if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'social'):
        pass
        yield '    <ul class="footer-links social">\n'
        for l_1_link in environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'social'):
            _loop_vars = {}
            pass
            yield '      <li><a rel="me" href="'
            yield escape(environment.getattr(l_1_link, 'url'))
            yield '">'
            yield escape(environment.getattr(l_1_link, 'label'))
            yield '</a></li>\n'
        l_1_link = missing
        yield '    </ul>\n'
    yield '    <ul class="footer-links feeds">\n      <li><a class="feed-link" href="'
    yield escape(environment.getattr(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'feeds'), 'rss'))
    yield '" type="application/rss+xml"><svg class="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false"><rect width="16" height="16" rx="3" fill="currentColor"/><circle cx="4.5" cy="11.5" r="1.5" class="icon-knockout"/><path class="icon-knockout-line" d="M3 7.25a5.75 5.75 0 0 1 5.75 5.75M3 3.75A9.25 9.25 0 0 1 12.25 13"/></svg>RSS</a></li>\n      <li><a href="'
    yield escape(environment.getattr(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'feeds'), 'atom'))
    yield '" type="application/atom+xml">Atom</a></li>\n      <li><a href="'
    yield escape(environment.getattr(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'feeds'), 'json'))
    yield '" type="application/feed+json">JSON Feed</a></li>\n      <li><a href="'
    yield escape(environment.getattr(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'feeds'), 'opml'))
    yield '">'
    yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Blogroll (OPML)'))
    yield '</a></li>\n    </ul>\n    <p class="colophon">'
    if environment.getattr(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'author'), 'name'):
        pass
        yield '© '
        if environment.getattr(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'author'), 'url'):
            pass
            yield '<a href="'
            yield escape(environment.getattr(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'author'), 'url'))
            yield '">'
            yield escape(environment.getattr(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'author'), 'name'))
            yield '</a>'
        else:
            pass
            yield escape(environment.getattr(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'author'), 'name'))
        yield ' · '
    yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Built with plnsite'))
    yield '</p>\n  </div>\n</footer>\n</body>\n</html>\n'

def block_title(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_page = resolve('page')
    l_0_site = resolve('site')
    pass
    if (environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'kind') == 'home'):
        pass
        yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title'))
    else:
        pass
        yield escape(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'title'))
        yield ' · '
        yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title'))

def block_head(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass

def block_content(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass

blocks = {'title': block_title, 'head': block_head, 'content': block_content}
debug_info = '2=15&6=19&7=21&9=26&11=31&12=37&16=40&18=47&20=55&21=59&22=63&23=67&25=79&26=83&28=90&29=95&31=100&33=106&34=108&35=110&36=112&37=114&39=119&40=124&41=129&42=134&43=137&46=140&47=145&49=150&51=155&54=162&56=169&58=171&59=173&62=175&63=183&64=186&66=188&67=192&72=204&73=207&74=209&75=211&76=213&82=216&86=218&88=221&89=225&94=232&95=234&96=236&97=238&99=242&6=259&56=278&82=287'
# default/templates/base.html, sha256 3920be75713766e665dc1b86f69e1ec06b602b816b998a98021497e2e218c0ae: generated by python -m plnsite.render.precompile; do not edit.
