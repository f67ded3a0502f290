from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'reading.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_ri = missing
    pass
    parent_template = environment.get_template('base.html', 'reading.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    l_0_ri = context.vars['ri'] = environment.get_template('partials/_reading_item.html', 'reading.html')._get_default_module(context)
    context.exported_vars.discard('ri')
    yield from parent_template.root_render_func(context)

def block_content(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_reading = resolve('reading')
    l_0_t = resolve('t')
    l_0_c = missing
    pass
    l_0_c = environment.getattr((undefined(name='reading') if l_0_reading is missing else l_0_reading), 'counts')
    _block_vars['c'] = l_0_c
    yield '<header class="page-header">\n  <h1 data-pagefind-body data-pagefind-filter="kind:Reading">'
    yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Reading', _block_vars=_block_vars))
    yield '</h1>\n  <p class="lead">'
    yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), '{n} entries', n=environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'total'), _block_vars=_block_vars))
    yield ': '
    yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), '{n} in progress', n=environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'reading'), _block_vars=_block_vars))
    yield ', '
    yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), '{n} finished', n=environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'finished'), _block_vars=_block_vars))
    yield ', '
    yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), '{n} to read', n=environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'want'), _block_vars=_block_vars))
    if environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'abandoned'):
        pass
        yield ', '
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), '{n} abandoned', n=environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'abandoned'), _block_vars=_block_vars))
    yield '.</p>\n'
    if environment.getattr((undefined(name='reading') if l_0_reading is missing else l_0_reading), 'kinds'):
        pass
        yield '  <ul class="counts">\n'
        for l_1_k in environment.getattr((undefined(name='reading') if l_0_reading is missing else l_0_reading), 'kinds'):
            _loop_vars = {}
            pass
            yield '<li>'
            yield escape(environment.getattr(l_1_k, 'label'))
            yield ' <span class="count">'
            yield escape(environment.getattr(l_1_k, 'count'))
            yield '</span></li>'
        l_1_k = missing
        yield '  </ul>\n'
    if environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'total'):
        pass
        yield '  <nav class="toc" aria-label="'
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'On this page', _block_vars=_block_vars))
        yield '">\n    <ul class="inline-list">\n'
        if environment.getattr((undefined(name='reading') if l_0_reading is missing else l_0_reading), 'current'):
            pass
            yield '<li><a href="#reading-now">'
            yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Currently reading', _block_vars=_block_vars))
            yield '</a></li>'
        for l_1_y in environment.getattr((undefined(name='reading') if l_0_reading is missing else l_0_reading), 'finished_years'):
            _loop_vars = {}
            pass
            yield '<li><a href="#'
            yield escape(environment.getattr(l_1_y, 'anchor'))
            yield '">'
            yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Finished in {year}', year=environment.getattr(l_1_y, 'label'), _loop_vars=_loop_vars))
            yield '</a> <span class="count">'
            yield escape(environment.getattr(l_1_y, 'count'))
            yield '</span></li>'
        l_1_y = missing
        if environment.getattr((undefined(name='reading') if l_0_reading is missing else l_0_reading), 'want'):
            pass
            yield '<li><a href="#reading-want">'
            yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Want to read', _block_vars=_block_vars))
            yield '</a></li>'
        if environment.getattr((undefined(name='reading') if l_0_reading is missing else l_0_reading), 'abandoned'):
            pass
            yield '<li><a href="#reading-abandoned">'
            yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Abandoned', _block_vars=_block_vars))
            yield '</a></li>'
        yield '    </ul>\n  </nav>\n'
    yield '</header>\n\n'
    if environment.getattr((undefined(name='reading') if l_0_reading is missing else l_0_reading), 'current'):
        pass
        yield '<section class="reading-group" data-pagefind-body id="reading-now">\n  <h2>'
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Currently reading', _block_vars=_block_vars))
        yield ' <span class="count">'
        yield escape(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'reading'))
        yield '</span></h2>\n'
        for l_1_r in environment.getattr((undefined(name='reading') if l_0_reading is missing else l_0_reading), 'current'):
            l_1_ri = resolve('ri')
            _loop_vars = {}
            pass
            yield escape(context.call(environment.getattr((undefined(name='ri') if l_1_ri is missing else l_1_ri), 'reading_item'), l_1_r, 3, with_id=True, _loop_vars=_loop_vars))
        l_1_r = l_1_ri = missing
        yield '</section>\n'
    yield '\n'
    if environment.getattr((undefined(name='reading') if l_0_reading is missing else l_0_reading), 'finished_years'):
        pass
        yield '<section class="reading-group" data-pagefind-body id="reading-finished">\n  <h2>'
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Finished', _block_vars=_block_vars))
        yield ' <span class="count">'
        yield escape(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'finished'))
        yield '</span></h2>\n'
        for l_1_y in environment.getattr((undefined(name='reading') if l_0_reading is missing else l_0_reading), 'finished_years'):
            _loop_vars = {}
            pass
            yield '  <section class="reading-year" id="'
            yield escape(environment.getattr(l_1_y, 'anchor'))
            yield '">\n    <h3>'
            yield escape(environment.getattr(l_1_y, 'label'))
            yield ' <span class="count">'
            yield escape(environment.getattr(l_1_y, 'count'))
            yield '</span></h3>\n'
            for l_2_r in environment.getattr(l_1_y, 'entries'):
                l_2_ri = resolve('ri')
                _loop_vars = {}
                pass
                yield escape(context.call(environment.getattr((undefined(name='ri') if l_2_ri is missing else l_2_ri), 'reading_item'), l_2_r, 4, with_id=True, _loop_vars=_loop_vars))
            l_2_r = l_2_ri = missing
            yield '  </section>\n'
        l_1_y = missing
        yield '</section>\n'
    yield '\n'
    if environment.getattr((undefined(name='reading') if l_0_reading is missing else l_0_reading), 'want'):
        pass
        yield '<section class="reading-group" data-pagefind-body id="reading-want">\n  <h2>'
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Want to read', _block_vars=_block_vars))
        yield ' <span class="count">'
        yield escape(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'want'))
        yield '</span></h2>\n'
        for l_1_r in environment.getattr((undefined(name='reading') if l_0_reading is missing else l_0_reading), 'want'):
            l_1_ri = resolve('ri')
            _loop_vars = {}
            pass
            yield escape(context.call(environment.getattr((undefined(name='ri') if l_1_ri is missing else l_1_ri), 'reading_item'), l_1_r, 3, with_id=True, _loop_vars=_loop_vars))
        l_1_r = l_1_ri = missing
        yield '</section>\n'
    yield '\n'
    if environment.getattr((undefined(name='reading') if l_0_reading is missing else l_0_reading), 'abandoned'):
        pass
        yield '<section class="reading-group" data-pagefind-body id="reading-abandoned">\n  <h2>'
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Abandoned', _block_vars=_block_vars))
        yield ' <span class="count">'
        yield escape(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'abandoned'))
        yield '</span></h2>\n'
        for l_1_r in environment.getattr((undefined(name='reading') if l_0_reading is missing else l_0_reading), 'abandoned'):
            l_1_ri = resolve('ri')
            _loop_vars = {}
            pass
            yield escape(context.call(environment.getattr((undefined(name='ri') if l_1_ri is missing else l_1_ri), 'reading_item'), l_1_r, 3, with_id=True, _loop_vars=_loop_vars))
        l_1_r = l_1_ri = missing
        yield '</section>\n'
    yield '\n'
    if (not environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'total')):
        pass
        yield '<p class="empty">'
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Nothing logged yet.', _block_vars=_block_vars))
        yield '</p>'

blocks = {'content': block_content}
debug_info = '1=13&2=16&3=20&4=31&6=34&7=36&8=48&10=51&13=61&14=64&16=66&17=71&18=82&19=87&25=94&27=97&28=101&32=109&34=112&35=116&36=120&37=122&38=126&44=136&46=139&47=143&51=151&53=154&54=158&58=166'
# default/templates/reading.html, sha256 1febf56f814bf816f677c7a0c713778013b951080056b2ad716cea21a6c6d469: generated by python -m plnsite.render.precompile; do not edit.
