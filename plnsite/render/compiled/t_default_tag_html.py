from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'tag.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_cards = l_0_ri = l_0_hc = l_0_p = l_0_np = missing
    pass
    parent_template = environment.get_template('base.html', 'tag.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    l_0_cards = context.vars['cards'] = environment.get_template('partials/_note_card.html', 'tag.html')._get_default_module(context)
    context.exported_vars.discard('cards')
    l_0_ri = context.vars['ri'] = environment.get_template('partials/_reading_item.html', 'tag.html')._get_default_module(context)
    context.exported_vars.discard('ri')
    l_0_hc = context.vars['hc'] = environment.get_template('partials/_hcard.html', 'tag.html')._get_default_module(context)
    context.exported_vars.discard('hc')
    l_0_p = context.vars['p'] = environment.get_template('partials/_pagination.html', 'tag.html')._get_default_module(context)
    context.exported_vars.discard('p')
    l_0_np = context.vars['np'] = environment.get_template('partials/_network_post.html', 'tag.html')._get_default_module(context)
    context.exported_vars.discard('np')
    yield from parent_template.root_render_func(context)

def block_content(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_tag = resolve('tag')
    l_0_t = resolve('t')
    l_0_page = resolve('page')
    l_0_p = resolve('p')
    l_0_np = resolve('np')
    pass
    yield '<header class="page-header hub-header">\n  <p class="breadcrumb"><a href="'
    yield escape(environment.getattr((undefined(name='tag') if l_0_tag is missing else l_0_tag), 'tags_url'))
    yield '">'
    yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Tags', _block_vars=_block_vars))
    yield '</a></p>\n  <h1>'
    yield escape(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'title'))
    yield '</h1>\n  <p class="lead">\n    '
    yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), '{n} notes', n=environment.getattr(environment.getattr((undefined(name='tag') if l_0_tag is missing else l_0_tag), 'counts'), 'notes'), _block_vars=_block_vars))
    yield ',\n    '
    yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), '{n} readings', n=environment.getattr(environment.getattr((undefined(name='tag') if l_0_tag is missing else l_0_tag), 'counts'), 'readings'), _block_vars=_block_vars))
    yield ',\n    '
    yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), '{n} people', n=environment.getattr(environment.getattr((undefined(name='tag') if l_0_tag is missing else l_0_tag), 'counts'), 'people'), _block_vars=_block_vars))
    yield '.\n    <a class="feed-link" href="'
    yield escape(environment.getattr((undefined(name='tag') if l_0_tag is missing else l_0_tag), 'feed_url'))
    yield '" type="application/rss+xml">'
    yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Follow this topic (RSS)', _block_vars=_block_vars))
    yield '</a>\n  </p>\n</header>\n'
    if environment.getattr((undefined(name='tag') if l_0_tag is missing else l_0_tag), 'notes'):
        pass
        yield '<section class="h-feed hub-notes">\n  <h2 class="p-name">'
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Notes tagged “{tag}”', tag=environment.getattr((undefined(name='tag') if l_0_tag is missing else l_0_tag), 'name'), _block_vars=_block_vars))
        yield '</h2>\n'
        for l_1_note in environment.getattr((undefined(name='tag') if l_0_tag is missing else l_0_tag), 'notes'):
            l_1_cards = resolve('cards')
            _loop_vars = {}
            pass
            yield escape(context.call(environment.getattr((undefined(name='cards') if l_1_cards is missing else l_1_cards), 'note_card'), l_1_note, 3, _loop_vars=_loop_vars))
        l_1_note = l_1_cards = missing
        yield '  '
        yield escape(context.call(environment.getattr((undefined(name='p') if l_0_p is missing else l_0_p), 'pagination'), (undefined(name='page') if l_0_page is missing else l_0_page), context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Pages of notes tagged “{tag}”', tag=environment.getattr((undefined(name='tag') if l_0_tag is missing else l_0_tag), 'name'), _block_vars=_block_vars), _block_vars=_block_vars))
        yield '\n</section>\n'
    if environment.getattr((undefined(name='tag') if l_0_tag is missing else l_0_tag), 'readings'):
        pass
        yield '<section class="hub-reading">\n  <h2>'
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Reading', _block_vars=_block_vars))
        yield '</h2>\n'
        for l_1_r in environment.getattr((undefined(name='tag') if l_0_tag is missing else l_0_tag), 'readings'):
            l_1_ri = resolve('ri')
            _loop_vars = {}
            pass
            yield escape(context.call(environment.getattr((undefined(name='ri') if l_1_ri is missing else l_1_ri), 'reading_item'), l_1_r, 3, _loop_vars=_loop_vars))
        l_1_r = l_1_ri = missing
        yield '</section>\n'
    if environment.getattr((undefined(name='tag') if l_0_tag is missing else l_0_tag), 'people'):
        pass
        yield '<section class="hub-people">\n  <h2>'
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'People', _block_vars=_block_vars))
        yield '</h2>\n  <div class="hcard-grid">\n'
        for l_1_c in environment.getattr((undefined(name='tag') if l_0_tag is missing else l_0_tag), 'people'):
            l_1_hc = resolve('hc')
            _loop_vars = {}
            pass
            yield escape(context.call(environment.getattr((undefined(name='hc') if l_1_hc is missing else l_1_hc), 'hcard'), l_1_c, 3, with_id=False, details=False, _loop_vars=_loop_vars))
        l_1_c = l_1_hc = missing
        yield '  </div>\n</section>\n'
    if environment.getattr((undefined(name='tag') if l_0_tag is missing else l_0_tag), 'from_network'):
        pass
        yield '<section class="hub-network">\n  <h2>'
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'From my network', _block_vars=_block_vars))
        yield '</h2>\n  '
        yield escape(context.call(environment.getattr((undefined(name='np') if l_0_np is missing else l_0_np), 'as_of'), environment.getattr((undefined(name='tag') if l_0_tag is missing else l_0_tag), 'network_as_of'), _block_vars=_block_vars))
        yield '\n'
        for l_1_post in environment.getattr((undefined(name='tag') if l_0_tag is missing else l_0_tag), 'from_network'):
            _loop_vars = {}
            pass
            yield '  '
            yield escape(context.call(environment.getattr((undefined(name='np') if l_0_np is missing else l_0_np), 'network_post'), l_1_post, 3, _loop_vars=_loop_vars))
            yield '\n'
        l_1_post = missing
        if environment.getattr(environment.getattr((undefined(name='tag') if l_0_tag is missing else l_0_tag), 'network_as_of'), 'latest_url'):
            pass
            yield '<p class="more"><a href="'
            yield escape(environment.getattr(environment.getattr((undefined(name='tag') if l_0_tag is missing else l_0_tag), 'network_as_of'), 'latest_url'))
            yield '">'
            yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Everything new from my network', _block_vars=_block_vars))
            yield ' <span aria-hidden="true">→</span></a></p>'
        yield '</section>\n'
    if (((not environment.getattr((undefined(name='tag') if l_0_tag is missing else l_0_tag), 'notes')) and (not environment.getattr((undefined(name='tag') if l_0_tag is missing else l_0_tag), 'readings'))) and (not environment.getattr((undefined(name='tag') if l_0_tag is missing else l_0_tag), 'people'))):
        pass
        yield '<p class="empty">'
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Nothing under this tag on this page.', _block_vars=_block_vars))
        yield '</p>'

blocks = {'content': block_content}
debug_info = '1=13&2=16&3=18&4=20&5=22&6=24&7=28&9=42&10=46&12=48&13=50&14=52&15=54&18=58&20=61&21=63&22=70&25=72&27=75&28=77&31=84&33=87&35=89&39=96&41=99&42=101&43=103&44=107&46=110&49=118'
# default/templates/tag.html, sha256 dfb41801dbc0ab1780bbce4b1d9a31deeb7db7f6b433547c4cd937cdcb7f4d2a: generated by python -m plnsite.render.precompile; do not edit.
