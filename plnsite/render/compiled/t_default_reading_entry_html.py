from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'reading_entry.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_ri = l_0_chips = missing
    pass
    parent_template = environment.get_template('base.html', 'reading_entry.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    l_0_ri = context.vars['ri'] = environment.get_template('partials/_reading_item.html', 'reading_entry.html')._get_default_module(context)
    context.exported_vars.discard('ri')
    l_0_chips = context.vars['chips'] = environment.get_template('partials/_tags.html', 'reading_entry.html')._get_default_module(context)
    context.exported_vars.discard('chips')
    yield from parent_template.root_render_func(context)

def block_content(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_entry = resolve('entry')
    l_0_reading_url = resolve('reading_url')
    l_0_t = resolve('t')
    l_0_ri = resolve('ri')
    l_0_who = resolve('who')
    l_0_chips = resolve('chips')
    try:
        t_1 = environment.filters['lower']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'lower' found.")
    try:
        t_2 = environment.filters['safe']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'safe' found.")
    pass
    yield '<article class="h-cite reading-entry status-'
    yield escape(environment.getattr((undefined(name='entry') if l_0_entry is missing else l_0_entry), 'status'))
    yield '" data-pagefind-body data-pagefind-filter="kind:Reading">\n  <header class="page-header">\n    <p class="breadcrumb"><a href="'
    yield escape((undefined(name='reading_url') if l_0_reading_url is missing else l_0_reading_url))
    yield '">'
    yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Reading', _block_vars=_block_vars))
    yield '</a></p>\n    <h1 class="p-name">'
    yield escape(environment.getattr((undefined(name='entry') if l_0_entry is missing else l_0_entry), 'title'))
    yield '</h1>\n    '
    yield escape(context.call(environment.getattr((undefined(name='ri') if l_0_ri is missing else l_0_ri), 'meta'), (undefined(name='entry') if l_0_entry is missing else l_0_entry), _block_vars=_block_vars))
    yield '\n'
    if environment.getattr((undefined(name='entry') if l_0_entry is missing else l_0_entry), 'url'):
        pass
        yield '<p class="source"><a class="u-url" href="'
        yield escape(environment.getattr((undefined(name='entry') if l_0_entry is missing else l_0_entry), 'url'))
        yield '">'
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Go to the {kind}', kind=t_1(environment.getattr((undefined(name='entry') if l_0_entry is missing else l_0_entry), 'kind_label')), _block_vars=_block_vars))
        yield '<span aria-hidden="true"> ↗</span></a></p>'
    if environment.getattr((undefined(name='entry') if l_0_entry is missing else l_0_entry), 'via'):
        pass
        t_3 = []
        pass
        t_3.extend((
            '<a href="',
            escape(environment.getattr(environment.getattr((undefined(name='entry') if l_0_entry is missing else l_0_entry), 'via'), 'url')),
            '">',
            escape(environment.getattr(environment.getattr((undefined(name='entry') if l_0_entry is missing else l_0_entry), 'via'), 'name')),
            '</a>',
        ))
        l_0_who = (Markup if context.eval_ctx.autoescape else identity)(concat(t_3))
        _block_vars['who'] = l_0_who
        yield '<p class="via">'
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Recommended by {who}', who=(undefined(name='who') if l_0_who is missing else l_0_who), _block_vars=_block_vars))
        yield '</p>'
    yield '    '
    yield escape(context.call(environment.getattr((undefined(name='chips') if l_0_chips is missing else l_0_chips), 'tag_list'), environment.getattr((undefined(name='entry') if l_0_entry is missing else l_0_entry), 'tags'), _block_vars=_block_vars))
    yield '\n  </header>\n'
    if environment.getattr((undefined(name='entry') if l_0_entry is missing else l_0_entry), 'notes_html'):
        pass
        yield '  <div class="e-content content">\n'
        yield escape(t_2(environment.getattr((undefined(name='entry') if l_0_entry is missing else l_0_entry), 'notes_html')))
        yield '\n  </div>\n'
    if environment.getattr((undefined(name='entry') if l_0_entry is missing else l_0_entry), 'backlinks'):
        pass
        yield '  <section class="backlinks" data-pagefind-ignore>\n    <h2>'
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Linked from', _block_vars=_block_vars))
        yield '</h2>\n    <ul>\n'
        for l_1_link in environment.getattr((undefined(name='entry') if l_0_entry is missing else l_0_entry), 'backlinks'):
            _loop_vars = {}
            pass
            yield '<li><a href="'
            yield escape(environment.getattr(l_1_link, 'url'))
            yield '">'
            yield escape(environment.getattr(l_1_link, 'title'))
            yield '</a></li>'
        l_1_link = missing
        yield '    </ul>\n  </section>\n'
    yield '</article>\n'

blocks = {'content': block_content}
debug_info = '1=13&2=16&3=18&4=22&5=49&7=51&8=55&9=57&10=59&11=66&12=83&14=85&16=88&19=90&21=93&23=95'
# default/templates/reading_entry.html, sha256 b7865c37186233b5da855cab1be06d61a535976c9301b7138fd745483d10dc07: generated by python -m plnsite.render.precompile; do not edit.
