from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'activity.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_draw = missing
    pass
    parent_template = environment.get_template('base.html', 'activity.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    l_0_draw = context.vars['draw'] = environment.get_template('partials/_heatmap.html', 'activity.html')._get_default_module(context)
    context.exported_vars.discard('draw')
    yield from parent_template.root_render_func(context)

def block_content(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_t = resolve('t')
    l_0_activity = resolve('activity')
    l_0_draw = resolve('draw')
    l_0_notes = l_0_readings = l_0_r = missing
    try:
        t_1 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    pass
    yield '<header class="page-header">\n  <h1>'
    yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Activity', _block_vars=_block_vars))
    yield '</h1>\n'
    l_0_notes = context.call((undefined(name='t') if l_0_t is missing else l_0_t), '{count} notes', environment.getattr((undefined(name='activity') if l_0_activity is missing else l_0_activity), 'notes'), count=environment.getattr((undefined(name='activity') if l_0_activity is missing else l_0_activity), 'notes'), _block_vars=_block_vars)
    _block_vars['notes'] = l_0_notes
    l_0_readings = context.call((undefined(name='t') if l_0_t is missing else l_0_t), '{count} readings', environment.getattr((undefined(name='activity') if l_0_activity is missing else l_0_activity), 'readings'), count=environment.getattr((undefined(name='activity') if l_0_activity is missing else l_0_activity), 'readings'), _block_vars=_block_vars)
    _block_vars['readings'] = l_0_readings
    yield '  <p class="lead">'
    if environment.getattr((undefined(name='activity') if l_0_activity is missing else l_0_activity), 'since'):
        pass
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), '{notes} written and {readings} finished since {date}.', notes=(undefined(name='notes') if l_0_notes is missing else l_0_notes), readings=(undefined(name='readings') if l_0_readings is missing else l_0_readings), date=environment.getattr((undefined(name='activity') if l_0_activity is missing else l_0_activity), 'since'), _block_vars=_block_vars))
    else:
        pass
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), '{notes} written and {readings} finished.', notes=(undefined(name='notes') if l_0_notes is missing else l_0_notes), readings=(undefined(name='readings') if l_0_readings is missing else l_0_readings), _block_vars=_block_vars))
    yield '</p>\n</header>\n\n<section class="activity-streaks" aria-labelledby="streaks-heading">\n  <h2 id="streaks-heading">'
    yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Streaks', _block_vars=_block_vars))
    yield '</h2>\n  '
    yield escape(context.call(environment.getattr((undefined(name='draw') if l_0_draw is missing else l_0_draw), 'streaks'), environment.getattr((undefined(name='activity') if l_0_activity is missing else l_0_activity), 'streaks'), _block_vars=_block_vars))
    yield '\n</section>\n\n<section class="activity-years" aria-labelledby="years-heading">\n  <h2 id="years-heading">'
    yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Every year', _block_vars=_block_vars))
    yield '</h2>\n'
    for l_1_map in environment.getattr((undefined(name='activity') if l_0_activity is missing else l_0_activity), 'years'):
        _loop_vars = {}
        pass
        yield '  <h3>'
        yield escape(environment.getattr(l_1_map, 'heading'))
        yield '</h3>\n  '
        yield escape(context.call(environment.getattr((undefined(name='draw') if l_0_draw is missing else l_0_draw), 'heatmap'), l_1_map, _loop_vars=_loop_vars))
        yield '\n'
    l_1_map = missing
    yield '</section>\n\n<section class="activity-tags" aria-labelledby="tags-heading">\n  <h2 id="tags-heading">'
    yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Notes per topic', _block_vars=_block_vars))
    yield '</h2>\n'
    if environment.getattr(environment.getattr((undefined(name='activity') if l_0_activity is missing else l_0_activity), 'tags'), 'rows'):
        pass
        yield '  <div class="table-wrap">\n  <table class="activity-table">\n    <caption>'
        if environment.getattr(environment.getattr((undefined(name='activity') if l_0_activity is missing else l_0_activity), 'tags'), 'more'):
            pass
            yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Notes per tag and year: the {count} tags with the most notes', count=t_1(environment.getattr(environment.getattr((undefined(name='activity') if l_0_activity is missing else l_0_activity), 'tags'), 'rows')), _block_vars=_block_vars))
        else:
            pass
            yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Notes per tag and year', _block_vars=_block_vars))
        yield '</caption>\n    <thead><tr><th scope="col">'
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Tag', _block_vars=_block_vars))
        yield '</th>'
        for l_1_y in environment.getattr(environment.getattr((undefined(name='activity') if l_0_activity is missing else l_0_activity), 'tags'), 'years'):
            _loop_vars = {}
            pass
            yield '<th scope="col" class="num">'
            yield escape(l_1_y)
            yield '</th>'
        l_1_y = missing
        yield '<th scope="col" class="num">'
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Total', _block_vars=_block_vars))
        yield '</th><th scope="col"><span class="visually-hidden">'
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Trend', _block_vars=_block_vars))
        yield '</span></th></tr></thead>\n    <tbody>\n'
        for l_1_row in environment.getattr(environment.getattr((undefined(name='activity') if l_0_activity is missing else l_0_activity), 'tags'), 'rows'):
            _loop_vars = {}
            pass
            yield '    <tr><th scope="row"><a href="'
            yield escape(environment.getattr(l_1_row, 'url'))
            yield '">'
            yield escape(environment.getattr(l_1_row, 'name'))
            yield '</a></th>'
            for l_2_n in environment.getattr(l_1_row, 'counts'):
                _loop_vars = {}
                pass
                yield '<td class="num">'
                yield escape(l_2_n)
                yield '</td>'
            l_2_n = missing
            yield '<td class="num">'
            yield escape(environment.getattr(l_1_row, 'total'))
            yield '</td><td>'
            yield escape(context.call(environment.getattr((undefined(name='draw') if l_0_draw is missing else l_0_draw), 'spark'), environment.getattr(l_1_row, 'spark'), _loop_vars=_loop_vars))
            yield '</td></tr>\n'
        l_1_row = missing
        yield '    </tbody>\n  </table>\n  </div>\n'
        if environment.getattr(environment.getattr((undefined(name='activity') if l_0_activity is missing else l_0_activity), 'tags'), 'more'):
            pass
            yield '<p class="more"><a href="'
            yield escape(environment.getattr((undefined(name='activity') if l_0_activity is missing else l_0_activity), 'tags_url'))
            yield '">'
            yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), '{count} more tags', environment.getattr(environment.getattr((undefined(name='activity') if l_0_activity is missing else l_0_activity), 'tags'), 'more'), count=environment.getattr(environment.getattr((undefined(name='activity') if l_0_activity is missing else l_0_activity), 'tags'), 'more'), _block_vars=_block_vars))
            yield ' <span aria-hidden="true">→</span></a></p>'
    else:
        pass
        yield '  <p class="empty">'
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'No tagged notes yet.', _block_vars=_block_vars))
        yield '</p>\n'
    yield '</section>\n\n<section class="activity-reading" aria-labelledby="reading-heading">\n  <h2 id="reading-heading">'
    yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Reading', _block_vars=_block_vars))
    yield '</h2>\n'
    l_0_r = environment.getattr((undefined(name='activity') if l_0_activity is missing else l_0_activity), 'reading')
    _block_vars['r'] = l_0_r
    if environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'finished'):
        pass
        yield '  <div class="table-wrap">\n  <table class="activity-table">\n    <caption>'
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Readings finished per month', _block_vars=_block_vars))
        yield '</caption>\n    <thead><tr><th scope="col">'
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Year', _block_vars=_block_vars))
        yield '</th>'
        for l_1_m in environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'month_names'):
            _loop_vars = {}
            pass
            yield '<th scope="col" class="num">'
            yield escape(l_1_m)
            yield '</th>'
        l_1_m = missing
        yield '<th scope="col" class="num">'
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Total', _block_vars=_block_vars))
        yield '</th><th scope="col"><span class="visually-hidden">'
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Trend', _block_vars=_block_vars))
        yield '</span></th></tr></thead>\n    <tbody>\n'
        for l_1_y in environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'months'):
            _loop_vars = {}
            pass
            yield '    <tr><th scope="row">'
            yield escape(environment.getattr(l_1_y, 'year'))
            yield '</th>'
            for l_2_n in environment.getattr(l_1_y, 'counts'):
                _loop_vars = {}
                pass
                yield '<td class="num">'
                yield escape(l_2_n)
                yield '</td>'
            l_2_n = missing
            yield '<td class="num">'
            yield escape(environment.getattr(l_1_y, 'total'))
            yield '</td><td>'
            yield escape(context.call(environment.getattr((undefined(name='draw') if l_0_draw is missing else l_0_draw), 'spark'), environment.getattr(l_1_y, 'spark'), _loop_vars=_loop_vars))
            yield '</td></tr>\n'
        l_1_y = missing
        yield '    </tbody>\n  </table>\n  </div>\n  <div class="activity-pair">\n  <table class="activity-table">\n    <caption>'
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Finished, by kind', _block_vars=_block_vars))
        yield '</caption>\n    <thead><tr><th scope="col">'
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Kind', _block_vars=_block_vars))
        yield '</th><th scope="col" class="num">'
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Finished', _block_vars=_block_vars))
        yield '</th></tr></thead>\n    <tbody>\n'
        for l_1_k in environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'kinds'):
            _loop_vars = {}
            pass
            yield '<tr><th scope="row">'
            yield escape(environment.getattr(l_1_k, 'label'))
            yield '</th><td class="num">'
            yield escape(environment.getattr(l_1_k, 'count'))
            yield '</td></tr>\n'
        l_1_k = missing
        yield '    </tbody>\n  </table>\n'
        if environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'rated'):
            pass
            yield '  <table class="activity-table">\n    <caption>'
            yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Ratings: {rated} rated, {average} on average', rated=environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'rated'), average=environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'average'), _block_vars=_block_vars))
            yield '</caption>\n    <thead><tr><th scope="col">'
            yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Rating', _block_vars=_block_vars))
            yield '</th><th scope="col" class="num">'
            yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Readings', _block_vars=_block_vars))
            yield '</th></tr></thead>\n    <tbody>\n'
            for l_1_g in environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'ratings'):
                _loop_vars = {}
                pass
                yield '<tr><th scope="row"><span class="rating" aria-hidden="true">'
                yield escape(environment.getattr(l_1_g, 'label'))
                yield '</span><span class="visually-hidden">'
                yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), '{stars} of 5', stars=environment.getattr(l_1_g, 'stars'), _loop_vars=_loop_vars))
                yield '</span></th><td class="num">'
                yield escape(environment.getattr(l_1_g, 'count'))
                yield '</td></tr>\n'
            l_1_g = missing
            yield '    </tbody>\n  </table>\n'
        if environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'amounts'):
            pass
            yield '  <table class="activity-table">\n    <caption>'
            yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Pages and hours, where given', _block_vars=_block_vars))
            yield '</caption>\n    <thead><tr><th scope="col">'
            yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Year', _block_vars=_block_vars))
            yield '</th><th scope="col" class="num">'
            yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Pages', _block_vars=_block_vars))
            yield '</th><th scope="col" class="num">'
            yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Hours', _block_vars=_block_vars))
            yield '</th></tr></thead>\n    <tbody>\n'
            for l_1_a in environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'amounts'):
                _loop_vars = {}
                pass
                yield '<tr><th scope="row">'
                yield escape(environment.getattr(l_1_a, 'year'))
                yield '</th><td class="num">'
                yield escape(environment.getattr(l_1_a, 'pages'))
                if environment.getattr(l_1_a, 'paged'):
                    pass
                    yield ' <span class="n">('
                    yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), '{count} entries', environment.getattr(l_1_a, 'paged'), count=environment.getattr(l_1_a, 'paged'), _loop_vars=_loop_vars))
                    yield ')</span>'
                yield '</td><td class="num">'
                yield escape(environment.getattr(l_1_a, 'hours'))
                if environment.getattr(l_1_a, 'timed'):
                    pass
                    yield ' <span class="n">('
                    yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), '{count} entries', environment.getattr(l_1_a, 'timed'), count=environment.getattr(l_1_a, 'timed'), _loop_vars=_loop_vars))
                    yield ')</span>'
                yield '</td></tr>\n'
            l_1_a = missing
            yield '    </tbody>\n  </table>\n'
        yield '  </div>\n'
    else:
        pass
        yield '  <p class="empty">'
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'No finished readings yet.', _block_vars=_block_vars))
        yield '</p>\n'
    yield '</section>\n'

blocks = {'content': block_content}
debug_info = '1=13&2=16&3=20&5=39&6=41&7=46&11=53&12=55&16=57&17=59&18=63&19=65&24=69&25=71&28=74&29=81&31=95&32=99&37=117&39=127&44=130&45=132&46=134&49=137&50=139&52=153&53=157&60=173&61=175&63=179&67=189&69=192&70=194&72=198&77=210&79=213&80=215&82=221&89=247'
# default/templates/activity.html, sha256 29a5e62b08399c55efd91d2629ec3f7f4598fd3cb58faf23431cb3481134c4ee: generated by python -m plnsite.render.precompile; do not edit.
