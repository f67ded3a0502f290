from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'partials/_heatmap.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_heatmap = l_0_streaks = l_0_spark = missing
    pass
    def macro(l_1_map):
        t_1 = []
        l_1_t = resolve('t')
        l_1_range = resolve('range')
        if l_1_map is missing:
            l_1_map = undefined("parameter 'map' was not provided", name='map')
        pass
        t_1.extend((
            '<div class="heatmap" id="',
            escape(environment.getattr(l_1_map, 'id')),
            '">\n<figure>\n<div class="heatmap-scroll" tabindex="0" role="group" aria-labelledby="',
            escape(environment.getattr(l_1_map, 'id')),
            '-title">\n<svg class="heat" role="img" aria-labelledby="',
            escape(environment.getattr(l_1_map, 'id')),
            '-title ',
            escape(environment.getattr(l_1_map, 'id')),
            '-desc" width="',
            escape(environment.getattr(l_1_map, 'width')),
            '" height="',
            escape(environment.getattr(l_1_map, 'height')),
            '" viewBox="0 0 ',
            escape(environment.getattr(l_1_map, 'width')),
            ' ',
            escape(environment.getattr(l_1_map, 'height')),
            '">\n<title id="',
            escape(environment.getattr(l_1_map, 'id')),
            '-title">',
            escape(environment.getattr(l_1_map, 'title')),
            '</title>\n<desc id="',
            escape(environment.getattr(l_1_map, 'id')),
            '-desc">',
            escape(environment.getattr(l_1_map, 'summary')),
            '</desc>\n<g class="heat-labels">',
        ))
        for l_2_m in environment.getattr(l_1_map, 'months'):
            _loop_vars = {}
            pass
            t_1.extend((
                '<text x="',
                escape(environment.getattr(l_2_m, 'x')),
                '" y="10">',
                escape(environment.getattr(l_2_m, 'label')),
                '</text>',
            ))
        l_2_m = missing
        for l_2_w in environment.getattr(l_1_map, 'weekdays'):
            _loop_vars = {}
            pass
            t_1.extend((
                '<text x="0" y="',
                escape(environment.getattr(l_2_w, 'y')),
                '">',
                escape(environment.getattr(l_2_w, 'label')),
                '</text>',
            ))
        l_2_w = missing
        t_1.append(
            '</g>\n<g class="heat-days">',
        )
        for l_2_d in environment.getattr(l_1_map, 'days'):
            _loop_vars = {}
            pass
            t_1.extend((
                '<rect x="',
                escape(environment.getattr(l_2_d, 'x')),
                '" y="',
                escape(environment.getattr(l_2_d, 'y')),
                '" width="',
                escape(environment.getattr(l_1_map, 'cell')),
                '" height="',
                escape(environment.getattr(l_1_map, 'cell')),
                '" rx="2" class="l',
                escape(environment.getattr(l_2_d, 'level')),
                '"',
            ))
            if environment.getattr(l_2_d, 'title'):
                pass
                t_1.extend((
                    '><title>',
                    escape(environment.getattr(l_2_d, 'title')),
                    '</title></rect>',
                ))
            else:
                pass
                t_1.append(
                    '/>',
                )
        l_2_d = missing
        t_1.extend((
            '</g>\n</svg>\n</div>\n<figcaption class="heat-legend"><span class="heat-total">',
            escape(environment.getattr(l_1_map, 'summary')),
            '</span>\n<span class="heat-scale" aria-hidden="true">',
            escape(context.call((undefined(name='t') if l_1_t is missing else l_1_t), 'Less')),
            ' <svg width="64" height="11" viewBox="0 0 64 11">',
        ))
        for l_2_n in context.call((undefined(name='range') if l_1_range is missing else l_1_range), 5):
            _loop_vars = {}
            pass
            t_1.extend((
                '<rect x="',
                escape((l_2_n * 13)),
                '" y="0" width="11" height="11" rx="2" class="l',
                escape(l_2_n),
                '"/>',
            ))
        l_2_n = missing
        t_1.extend((
            '</svg> ',
            escape(context.call((undefined(name='t') if l_1_t is missing else l_1_t), 'More')),
            '</span></figcaption>\n</figure>\n<details class="heat-table">\n<summary>',
            escape(context.call((undefined(name='t') if l_1_t is missing else l_1_t), 'Notes and readings per month')),
            '</summary>\n<table>\n<thead><tr><th scope="col">',
            escape(context.call((undefined(name='t') if l_1_t is missing else l_1_t), 'Month')),
            '</th><th scope="col" class="num">',
            escape(context.call((undefined(name='t') if l_1_t is missing else l_1_t), 'Notes')),
            '</th><th scope="col" class="num">',
            escape(context.call((undefined(name='t') if l_1_t is missing else l_1_t), 'Readings finished')),
            '</th><th scope="col" class="num">',
            escape(context.call((undefined(name='t') if l_1_t is missing else l_1_t), 'Days with either')),
            '</th></tr></thead>\n<tbody>\n',
        ))
        for l_2_m in environment.getattr(l_1_map, 'table'):
            _loop_vars = {}
            pass
            t_1.extend((
                '<tr><th scope="row"><time datetime="',
                escape(environment.getattr(l_2_m, 'key')),
                '">',
                escape(environment.getattr(l_2_m, 'label')),
                '</time></th><td class="num">',
                escape(environment.getattr(l_2_m, 'notes')),
                '</td><td class="num">',
                escape(environment.getattr(l_2_m, 'readings')),
                '</td><td class="num">',
                escape(environment.getattr(l_2_m, 'days')),
                '</td></tr>\n',
            ))
        l_2_m = missing
        t_1.append(
            '</tbody>\n</table>\n</details>\n</div>',
        )
        return concat(t_1)
    context.exported_vars.add('heatmap')
    context.vars['heatmap'] = l_0_heatmap = Macro(environment, macro, 'heatmap', ('map',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_s):
        t_2 = []
        l_1_t = resolve('t')
        l_1_when = resolve('when')
        if l_1_s is missing:
            l_1_s = undefined("parameter 's' was not provided", name='s')
        pass
        t_2.extend((
            '<dl class="streaks">\n<div class="streak streak-current"><dt>',
            escape(context.call((undefined(name='t') if l_1_t is missing else l_1_t), 'Current streak')),
            '</dt><dd><strong class="streak-weeks">',
            escape(environment.getattr(l_1_s, 'current')),
            '</strong> ',
            escape(context.call((undefined(name='t') if l_1_t is missing else l_1_t), 'weeks in a row with a note', n=environment.getattr(l_1_s, 'current'))),
        ))
        if environment.getattr(l_1_s, 'current_from'):
            pass
            t_2.append(
                ' ',
            )
            t_3 = []
            pass
            t_3.extend((
                '<time datetime="',
                escape(environment.getattr(l_1_s, 'current_from_iso')),
                '">',
                escape(environment.getattr(l_1_s, 'current_from')),
                '</time>',
            ))
            l_1_when = (Markup if context.eval_ctx.autoescape else identity)(concat(t_3))
            t_2.extend((
                '<span class="streak-when">',
                escape(context.call((undefined(name='t') if l_1_t is missing else l_1_t), 'since the week of {date}', date=(undefined(name='when') if l_1_when is missing else l_1_when))),
                '</span>',
            ))
        if environment.getattr(l_1_s, 'open'):
            pass
            t_2.extend((
                '<span class="streak-when">; ',
                escape(context.call((undefined(name='t') if l_1_t is missing else l_1_t), 'a note this week keeps it going')),
                '</span>',
            ))
        t_2.extend((
            '</dd></div>\n<div class="streak streak-longest"><dt>',
            escape(context.call((undefined(name='t') if l_1_t is missing else l_1_t), 'Longest streak')),
            '</dt><dd><strong class="streak-weeks">',
            escape(environment.getattr(l_1_s, 'longest')),
            '</strong> ',
            escape(context.call((undefined(name='t') if l_1_t is missing else l_1_t), 'weeks', n=environment.getattr(l_1_s, 'longest'))),
        ))
        if environment.getattr(l_1_s, 'longest_from'):
            pass
            t_2.extend((
                ' <span class="streak-when">',
                escape(context.call((undefined(name='t') if l_1_t is missing else l_1_t), 'from {start} to {end}', start=environment.getattr(l_1_s, 'longest_from'), end=environment.getattr(l_1_s, 'longest_to'))),
                '</span>',
            ))
        t_2.append(
            '</dd></div>\n</dl>',
        )
        return concat(t_2)
    context.exported_vars.add('streaks')
    context.vars['streaks'] = l_0_streaks = Macro(environment, macro, 'streaks', ('s',), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_sp):
        t_4 = []
        if l_1_sp is missing:
            l_1_sp = undefined("parameter 'sp' was not provided", name='sp')
        pass
        t_4.extend((
            '<svg class="spark" aria-hidden="true" width="',
            escape(environment.getattr(l_1_sp, 'width')),
            '" height="',
            escape(environment.getattr(l_1_sp, 'height')),
            '" viewBox="0 0 ',
            escape(environment.getattr(l_1_sp, 'width')),
            ' ',
            escape(environment.getattr(l_1_sp, 'height')),
            '">',
        ))
        for l_2_b in environment.getattr(l_1_sp, 'bars'):
            _loop_vars = {}
            pass
            t_4.extend((
                '<rect x="',
                escape(environment.getattr(l_2_b, 'x')),
                '" y="',
                escape(environment.getattr(l_2_b, 'y')),
                '" width="6" height="',
                escape(environment.getattr(l_2_b, 'height')),
                '"/>',
            ))
        l_2_b = missing
        t_4.append(
            '</svg>',
        )
        return concat(t_4)
    context.exported_vars.add('spark')
    context.vars['spark'] = l_0_spark = Macro(environment, macro, 'spark', ('sp',), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '4=12&5=21&7=23&8=25&9=37&10=41&12=46&13=57&16=71&20=102&21=104&24=122&26=124&28=133&36=157&38=166&39=172&40=192&41=201&42=207&47=220&48=227&49=236'
# default/templates/partials/_heatmap.html, sha256 e6b488a689a55b52f0eb4aec1affa1e9524f9d701df1650e34578ccbdaf5c89e: generated by python -m plnsite.render.precompile; do not edit.
