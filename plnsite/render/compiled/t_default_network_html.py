from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'network.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_hc = missing
    pass
    parent_template = environment.get_template('base.html', 'network.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    l_0_hc = context.vars['hc'] = environment.get_template('partials/_hcard.html', 'network.html')._get_default_module(context)
    context.exported_vars.discard('hc')
    yield from parent_template.root_render_func(context)

def block_content(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_t = resolve('t')
    l_0_network = resolve('network')
    l_0_date = resolve('date')
    l_0_blogroll = missing
    try:
        t_1 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    pass
    yield '<header class="page-header">\n  <h1 data-pagefind-body data-pagefind-filter="kind:Person">'
    yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Network', _block_vars=_block_vars))
    yield '</h1>\n'
    l_1_site = resolve('site')
    t_2 = []
    pass
    t_2.extend((
        '<a href="',
        escape(environment.getattr(environment.getattr((undefined(name='site') if l_1_site is missing else l_1_site), 'feeds'), 'opml')),
        '">',
        escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'my blogroll (OPML)')),
        '</a>',
    ))
    l_0_blogroll = (Markup if context.eval_ctx.autoescape else identity)(concat(t_2))
    _block_vars['blogroll'] = l_0_blogroll
    l_1_site = missing
    yield '  <p class="lead">'
    yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'The {n} people I learn from', n=environment.getattr((undefined(name='network') if l_0_network is missing else l_0_network), 'people_count'), _block_vars=_block_vars))
    yield ', '
    yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'in {n} lists.', n=environment.getattr((undefined(name='network') if l_0_network is missing else l_0_network), 'list_count'), _block_vars=_block_vars))
    yield '\n'
    if environment.getattr((undefined(name='network') if l_0_network is missing else l_0_network), 'feed_count'):
        pass
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Follow their {n} feeds at once with {blogroll}.', n=environment.getattr((undefined(name='network') if l_0_network is missing else l_0_network), 'feed_count'), blogroll=(undefined(name='blogroll') if l_0_blogroll is missing else l_0_blogroll), _block_vars=_block_vars))
    yield '</p>\n'
    if environment.getattr((undefined(name='network') if l_0_network is missing else l_0_network), 'as_of'):
        pass
        t_3 = []
        pass
        t_3.extend((
            '<time datetime="',
            escape(environment.getattr(environment.getattr((undefined(name='network') if l_0_network is missing else l_0_network), 'as_of'), 'iso')),
            '">',
            escape(environment.getattr(environment.getattr((undefined(name='network') if l_0_network is missing else l_0_network), 'as_of'), 'display')),
            '</time>',
        ))
        l_0_date = (Markup if context.eval_ctx.autoescape else identity)(concat(t_3))
        _block_vars['date'] = l_0_date
        yield '<p class="meta as-of">'
        if environment.getattr(environment.getattr((undefined(name='network') if l_0_network is missing else l_0_network), 'as_of'), 'latest_url'):
            pass
            yield '<a href="'
            yield escape(environment.getattr(environment.getattr((undefined(name='network') if l_0_network is missing else l_0_network), 'as_of'), 'latest_url'))
            yield '">'
            yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'What they are writing', _block_vars=_block_vars))
            yield '</a> · '
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'As of {date}', date=(undefined(name='date') if l_0_date is missing else l_0_date), _block_vars=_block_vars))
        yield '</p>'
    if (t_1(environment.getattr((undefined(name='network') if l_0_network is missing else l_0_network), 'lists')) > 1):
        pass
        yield '  <nav class="toc" aria-label="'
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Lists', _block_vars=_block_vars))
        yield '">\n    <ul class="inline-list">\n'
        for l_1_l in environment.getattr((undefined(name='network') if l_0_network is missing else l_0_network), 'lists'):
            _loop_vars = {}
            pass
            yield '<li><a href="#'
            yield escape(environment.getattr(l_1_l, 'anchor'))
            yield '">'
            yield escape(environment.getattr(l_1_l, 'title'))
            yield '</a> <span class="count">'
            yield escape(environment.getattr(l_1_l, 'count'))
            yield '</span></li>'
        l_1_l = missing
        yield '    </ul>\n  </nav>\n'
    yield '</header>\n'
    t_4 = 1
    for l_1_l in environment.getattr((undefined(name='network') if l_0_network is missing else l_0_network), 'lists'):
        _loop_vars = {}
        pass
        yield '<section class="contact-list" data-pagefind-body id="'
        yield escape(environment.getattr(l_1_l, 'anchor'))
        yield '">\n  <h2>'
        yield escape(environment.getattr(l_1_l, 'title'))
        yield ' <span class="count">'
        yield escape(environment.getattr(l_1_l, 'count'))
        yield '</span></h2>\n'
        if environment.getattr(l_1_l, 'description'):
            pass
            yield '<p class="list-description">'
            yield escape(environment.getattr(l_1_l, 'description'))
            yield '</p>'
        if environment.getattr(l_1_l, 'people'):
            pass
            yield '  <div class="hcard-grid">\n'
            for l_2_c in environment.getattr(l_1_l, 'people'):
                l_2_hc = resolve('hc')
                _loop_vars = {}
                pass
                yield escape(context.call(environment.getattr((undefined(name='hc') if l_2_hc is missing else l_2_hc), 'hcard'), l_2_c, 3, _loop_vars=_loop_vars))
            l_2_c = l_2_hc = missing
            yield '  </div>\n'
        else:
            pass
            yield '  <p class="empty">'
            yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'No one here yet.', _loop_vars=_loop_vars))
            yield '</p>\n'
        yield '</section>\n'
        t_4 = 0
    l_1_l = missing
    if t_4:
        pass
        yield '<p class="empty">'
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'No contacts yet.'))
        yield '</p>\n'

blocks = {'content': block_content}
debug_info = '1=13&2=16&3=20&5=39&6=46&7=55&8=59&9=63&10=86&11=89&13=91&18=105&19=109&20=111&21=115&22=120&24=123&27=133&31=141'
# default/templates/network.html, sha256 5ed7908f2a2e47f4c85de700930aabb43a0054e08ba063fe5559928502179d32: generated by python -m plnsite.render.precompile; do not edit.
