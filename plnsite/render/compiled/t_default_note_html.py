from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'note.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_chips = l_0_wm = missing
    pass
    parent_template = environment.get_template('base.html', 'note.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    l_0_chips = context.vars['chips'] = environment.get_template('partials/_tags.html', 'note.html')._get_default_module(context)
    context.exported_vars.discard('chips')
    l_0_wm = context.vars['wm'] = environment.get_template('partials/_responses.html', 'note.html')._get_default_module(context)
    context.exported_vars.discard('wm')
    yield from parent_template.root_render_func(context)

def block_content(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_note = resolve('note')
    l_0_t = resolve('t')
    l_0_site = resolve('site')
    l_0_author = resolve('author')
    l_0_chips = resolve('chips')
    l_0_series = resolve('series')
    l_0_s = resolve('s')
    l_0_series_link = resolve('series_link')
    l_0_related = resolve('related')
    l_0_wm = resolve('wm')
    try:
        t_1 = environment.filters['safe']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'safe' found.")
    pass
    yield '<article class="h-entry note" data-pagefind-body data-pagefind-filter="kind:Note">\n  <header class="page-header">\n    <h1 class="p-name">'
    yield escape(environment.getattr((undefined(name='note') if l_0_note is missing else l_0_note), 'title'))
    yield '</h1>\n    <p class="meta">\n      <a class="u-url" href="'
    yield escape(environment.getattr((undefined(name='note') if l_0_note is missing else l_0_note), 'url'))
    yield '"><time class="dt-published" datetime="'
    yield escape(environment.getattr((undefined(name='note') if l_0_note is missing else l_0_note), 'date_iso'))
    yield '">'
    yield escape(environment.getattr((undefined(name='note') if l_0_note is missing else l_0_note), 'date_display'))
    yield '</time></a>'
    if environment.getattr((undefined(name='note') if l_0_note is missing else l_0_note), 'updated_iso'):
        pass
        yield ' <span class="updated">· '
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'updated', _block_vars=_block_vars))
        yield ' <time class="dt-updated" datetime="'
        yield escape(environment.getattr((undefined(name='note') if l_0_note is missing else l_0_note), 'updated_iso'))
        yield '">'
        yield escape(environment.getattr((undefined(name='note') if l_0_note is missing else l_0_note), 'updated_display'))
        yield '</time></span>'
    if environment.getattr(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'author'), 'name'):
        pass
        yield ' '
        t_2 = []
        pass
        t_2.extend((
            '<a class="p-author h-card" href="',
            escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'absolute_home_url')),
            '">',
            escape(environment.getattr(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'author'), 'name')),
            '</a>',
        ))
        l_0_author = (Markup if context.eval_ctx.autoescape else identity)(concat(t_2))
        _block_vars['author'] = l_0_author
        yield '<span class="by">· '
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'by {author}', author=(undefined(name='author') if l_0_author is missing else l_0_author), _block_vars=_block_vars))
        yield '</span>'
    yield '    </p>\n    '
    yield escape(context.call(environment.getattr((undefined(name='chips') if l_0_chips is missing else l_0_chips), 'tag_list'), environment.getattr((undefined(name='note') if l_0_note is missing else l_0_note), 'tags'), _block_vars=_block_vars))
    yield '\n'
    for l_1_context in environment.getattr((undefined(name='note') if l_0_note is missing else l_0_note), 'replies_to'):
        _loop_vars = {}
        pass
        yield '<p class="reply-context '
        yield escape(environment.getattr(l_1_context, 'kind'))
        yield '">'
        yield escape(environment.getattr(l_1_context, 'label'))
        yield ' <a class="'
        yield escape(environment.getattr(l_1_context, 'class'))
        yield '" href="'
        yield escape(environment.getattr(l_1_context, 'url'))
        yield '">'
        yield escape(environment.getattr(l_1_context, 'shown'))
        yield '</a></p>\n'
    l_1_context = missing
    yield '  </header>\n'
    if (undefined(name='series') if l_0_series is missing else l_0_series):
        pass
        l_0_s = (undefined(name='series') if l_0_series is missing else l_0_series)
        _block_vars['s'] = l_0_s
        t_3 = []
        pass
        t_3.extend((
            '<a href="',
            escape(environment.getattr((undefined(name='s') if l_0_s is missing else l_0_s), 'url')),
            '">',
            escape(environment.getattr((undefined(name='s') if l_0_s is missing else l_0_s), 'name')),
            '</a>',
        ))
        l_0_series_link = (Markup if context.eval_ctx.autoescape else identity)(concat(t_3))
        _block_vars['series_link'] = l_0_series_link
        yield '  <nav class="series-box" aria-label="'
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Series', _block_vars=_block_vars))
        yield '">\n    <p class="series-position">'
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Part {part} of {count} in the series {series}', part=environment.getattr((undefined(name='s') if l_0_s is missing else l_0_s), 'part'), count=environment.getattr((undefined(name='s') if l_0_s is missing else l_0_s), 'count'), series=(undefined(name='series_link') if l_0_series_link is missing else l_0_series_link), _block_vars=_block_vars))
        yield '</p>\n    <ol class="series-parts">\n'
        for l_1_p in environment.getattr((undefined(name='s') if l_0_s is missing else l_0_s), 'parts'):
            _loop_vars = {}
            pass
            yield '<li>'
            if environment.getattr(l_1_p, 'current'):
                pass
                yield '<span aria-current="page">'
                yield escape(environment.getattr(l_1_p, 'title'))
                yield '</span>'
            else:
                pass
                yield '<a href="'
                yield escape(environment.getattr(l_1_p, 'url'))
                yield '">'
                yield escape(environment.getattr(l_1_p, 'title'))
                yield '</a>'
            yield '</li>\n'
        l_1_p = missing
        yield '    </ol>\n  </nav>\n'
    yield '  <div class="e-content content">\n'
    yield escape(t_1(environment.getattr((undefined(name='note') if l_0_note is missing else l_0_note), 'content_html')))
    yield '\n  </div>\n'
    if environment.getattr((undefined(name='note') if l_0_note is missing else l_0_note), 'syndication'):
        pass
        yield '  <p class="syndication">'
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Also on', _block_vars=_block_vars))
        l_1_loop = missing
        for l_1_copy, l_1_loop in LoopContext(environment.getattr((undefined(name='note') if l_0_note is missing else l_0_note), 'syndication'), undefined):
            _loop_vars = {}
            pass
            yield ' <a class="u-syndication" rel="syndication" href="'
            yield escape(environment.getattr(l_1_copy, 'url'))
            yield '">'
            yield escape(environment.getattr(l_1_copy, 'name'))
            yield '</a>'
            if (not environment.getattr(l_1_loop, 'last')):
                pass
                yield ' ·'
        l_1_loop = l_1_copy = missing
        if environment.getattr((undefined(name='note') if l_0_note is missing else l_0_note), 'reply_on'):
            pass
            yield ' · <a class="reply-on" href="'
            yield escape(environment.getattr((undefined(name='note') if l_0_note is missing else l_0_note), 'reply_on'))
            yield '">'
            yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Reply on Mastodon', _block_vars=_block_vars))
            yield '</a>'
        yield '</p>\n'
    if environment.getattr((undefined(name='note') if l_0_note is missing else l_0_note), 'backlinks'):
        pass
        yield '  <section class="backlinks" data-pagefind-ignore>\n    <h2>'
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Linked from', _block_vars=_block_vars))
        yield '</h2>\n    <ul>\n'
        for l_1_link in environment.getattr((undefined(name='note') if l_0_note is missing else l_0_note), 'backlinks'):
            _loop_vars = {}
            pass
            yield '<li><a href="'
            yield escape(environment.getattr(l_1_link, 'url'))
            yield '">'
            yield escape(environment.getattr(l_1_link, 'title'))
            yield '</a></li>'
        l_1_link = missing
        yield '    </ul>\n  </section>\n'
    if (undefined(name='related') if l_0_related is missing else l_0_related):
        pass
        yield '  <section class="related">\n    <h2>'
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Related notes', _block_vars=_block_vars))
        yield '</h2>\n    <ul>\n'
        for l_1_link in (undefined(name='related') if l_0_related is missing else l_0_related):
            _loop_vars = {}
            pass
            yield '<li><a href="'
            yield escape(environment.getattr(l_1_link, 'url'))
            yield '">'
            yield escape(environment.getattr(l_1_link, 'title'))
            yield '</a></li>'
        l_1_link = missing
        yield '    </ul>\n  </section>\n'
    if environment.getattr((undefined(name='note') if l_0_note is missing else l_0_note), 'responses'):
        pass
        yield escape(context.call(environment.getattr((undefined(name='wm') if l_0_wm is missing else l_0_wm), 'responses'), environment.getattr((undefined(name='note') if l_0_note is missing else l_0_note), 'responses'), _block_vars=_block_vars))
    yield '</article>\n'
    if (environment.getattr((undefined(name='note') if l_0_note is missing else l_0_note), 'prev') or environment.getattr((undefined(name='note') if l_0_note is missing else l_0_note), 'next')):
        pass
        yield '<nav class="prev-next" aria-label="'
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'More notes', _block_vars=_block_vars))
        yield '">\n'
        if environment.getattr((undefined(name='note') if l_0_note is missing else l_0_note), 'prev'):
            pass
            yield '<a class="prev" href="'
            yield escape(environment.getattr(environment.getattr((undefined(name='note') if l_0_note is missing else l_0_note), 'prev'), 'url'))
            yield '" rel="prev"><span class="label">'
            yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Older', _block_vars=_block_vars))
            yield '</span> '
            yield escape(environment.getattr(environment.getattr((undefined(name='note') if l_0_note is missing else l_0_note), 'prev'), 'title'))
            yield '</a>'
        if environment.getattr((undefined(name='note') if l_0_note is missing else l_0_note), 'next'):
            pass
            yield '<a class="next" href="'
            yield escape(environment.getattr(environment.getattr((undefined(name='note') if l_0_note is missing else l_0_note), 'next'), 'url'))
            yield '" rel="next"><span class="label">'
            yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Newer', _block_vars=_block_vars))
            yield '</span> '
            yield escape(environment.getattr(environment.getattr((undefined(name='note') if l_0_note is missing else l_0_note), 'next'), 'title'))
            yield '</a>'
        yield '</nav>\n'

blocks = {'content': block_content}
debug_info = '1=13&2=16&3=18&4=22&7=47&9=49&10=55&11=64&13=82&14=84&17=100&18=102&19=108&20=116&21=118&23=120&29=140&31=142&32=145&33=147&34=159&36=167&38=170&40=172&44=182&46=185&48=187&52=197&54=201&55=204&56=206&57=215'
# default/templates/note.html, sha256 5d9461f878ae3aea6a197fbc8fc51a1ced0d982318e57f55e66a997d9a327a3b: generated by python -m plnsite.render.precompile; do not edit.
