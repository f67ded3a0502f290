from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'partials/_reading_item.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_chips = l_0_rating = l_0_meta = l_0_reading_item = missing
    try:
        t_1 = environment.filters['safe']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'safe' found.")
    pass
    l_0_chips = context.vars['chips'] = environment.get_template('partials/_tags.html', 'partials/_reading_item.html')._get_default_module(context)
    context.exported_vars.discard('chips')
    def macro(l_1_r):
        t_2 = []
        l_1_t = resolve('t')
        if l_1_r is missing:
            l_1_r = undefined("parameter 'r' was not provided", name='r')
        pass
        if environment.getattr(l_1_r, 'rating'):
            pass
            t_2.extend((
                '<data class="p-rating rating" value="',
                escape(environment.getattr(l_1_r, 'rating')),
                '"><span aria-hidden="true">',
                escape(environment.getattr(l_1_r, 'stars')),
                '</span><span class="visually-hidden">',
                escape(context.call((undefined(name='t') if l_1_t is missing else l_1_t), 'rated {rating} out of 5', rating=environment.getattr(l_1_r, 'rating'))),
                '</span></data>',
            ))
        return concat(t_2)
    context.exported_vars.add('rating')
    context.vars['rating'] = l_0_rating = Macro(environment, macro, 'rating', ('r',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_r):
        t_3 = []
        l_1_t = resolve('t')
        l_1_names = resolve('names')
        l_1_since = resolve('since')
        if l_1_r is missing:
            l_1_r = undefined("parameter 'r' was not provided", name='r')
        pass
        t_3.append(
            '<p class="meta">',
        )
        if environment.getattr(l_1_r, 'authors'):
            pass
            t_3.extend((
                '<span class="by">',
                escape(context.call((undefined(name='t') if l_1_t is missing else l_1_t), 'by {authors}', authors=context.call((undefined(name='names') if l_1_names is missing else l_1_names), environment.getattr(l_1_r, 'authors'), 'p-author'))),
                '</span> <span class="sep" aria-hidden="true">·</span> ',
            ))
        t_3.extend((
            '<span class="kind">',
            escape(environment.getattr(l_1_r, 'kind_label')),
            '</span> <span class="sep" aria-hidden="true">·</span>\n  <data class="p-read-status status status-',
            escape(environment.getattr(l_1_r, 'status')),
            '" value="',
            escape(environment.getattr(l_1_r, 'read_status')),
            '">',
            escape(environment.getattr(l_1_r, 'status_label')),
            '</data>',
        ))
        if ((environment.getattr(l_1_r, 'status') == 'finished') and environment.getattr(l_1_r, 'finished_iso')):
            pass
            t_3.extend((
                ' <time datetime="',
                escape(environment.getattr(l_1_r, 'finished_iso')),
                '">',
                escape(environment.getattr(l_1_r, 'finished_display')),
                '</time>',
            ))
        elif (environment.getattr(l_1_r, 'started_iso') and (environment.getattr(l_1_r, 'status') != 'want')):
            pass
            t_3.append(
                ' ',
            )
            t_4 = []
            pass
            t_4.extend((
                '<time datetime="',
                escape(environment.getattr(l_1_r, 'started_iso')),
                '">',
                escape(environment.getattr(l_1_r, 'started_display')),
                '</time>',
            ))
            l_1_since = (Markup if context.eval_ctx.autoescape else identity)(concat(t_4))
            t_3.extend((
                '<span class="since">',
                escape(context.call((undefined(name='t') if l_1_t is missing else l_1_t), 'since {date}', date=(undefined(name='since') if l_1_since is missing else l_1_since))),
                '</span>',
            ))
        if environment.getattr(l_1_r, 'rating'):
            pass
            t_3.extend((
                ' <span class="sep" aria-hidden="true">·</span> ',
                escape(context.call((undefined(name='rating') if l_0_rating is missing else l_0_rating), l_1_r)),
            ))
        t_3.append(
            '</p>',
        )
        return concat(t_3)
    context.exported_vars.add('meta')
    context.vars['meta'] = l_0_meta = Macro(environment, macro, 'meta', ('r',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_r, l_1_level, l_1_with_id, l_1_notes, l_1_compact):
        t_5 = []
        l_1_who = resolve('who')
        l_1_t = resolve('t')
        if l_1_r is missing:
            l_1_r = undefined("parameter 'r' was not provided", name='r')
        if l_1_level is missing:
            l_1_level = 3
        if l_1_with_id is missing:
            l_1_with_id = False
        if l_1_notes is missing:
            l_1_notes = True
        if l_1_compact is missing:
            l_1_compact = False
        pass
        t_5.extend((
            '<article class="h-cite reading-item status-',
            escape(environment.getattr(l_1_r, 'status')),
            '"',
        ))
        if l_1_with_id:
            pass
            t_5.extend((
                ' id="',
                escape(environment.getattr(l_1_r, 'anchor')),
                '"',
            ))
        t_5.extend((
            '>\n  <h',
            escape(l_1_level),
            ' class="reading-title">',
        ))
        if environment.getattr(l_1_r, 'url'):
            pass
            t_5.extend((
                '<a class="p-name u-url" href="',
                escape(environment.getattr(l_1_r, 'url')),
                '">',
                escape(environment.getattr(l_1_r, 'title')),
                '</a>',
            ))
        elif environment.getattr(l_1_r, 'page_url'):
            pass
            t_5.extend((
                '<a class="p-name u-url" href="',
                escape(environment.getattr(l_1_r, 'page_url')),
                '">',
                escape(environment.getattr(l_1_r, 'title')),
                '</a>',
            ))
        else:
            pass
            t_5.extend((
                '<span class="p-name">',
                escape(environment.getattr(l_1_r, 'title')),
                '</span>',
            ))
        t_5.extend((
            '</h',
            escape(l_1_level),
            '>\n  ',
            escape(context.call((undefined(name='meta') if l_0_meta is missing else l_0_meta), l_1_r)),
            '\n',
        ))
        if environment.getattr(l_1_r, 'via'):
            pass
            t_6 = []
            pass
            t_6.extend((
                '<a href="',
                escape(environment.getattr(environment.getattr(l_1_r, 'via'), 'url')),
                '">',
                escape(environment.getattr(environment.getattr(l_1_r, 'via'), 'name')),
                '</a>',
            ))
            l_1_who = (Markup if context.eval_ctx.autoescape else identity)(concat(t_6))
            t_5.extend((
                '<p class="via">',
                escape(context.call((undefined(name='t') if l_1_t is missing else l_1_t), 'Recommended by {who}', who=(undefined(name='who') if l_1_who is missing else l_1_who))),
                '</p>',
            ))
        if environment.getattr(l_1_r, 'page_url'):
            pass
            t_5.extend((
                '<p class="more"><a href="',
                escape(environment.getattr(l_1_r, 'page_url')),
                '">',
                escape(context.call((undefined(name='t') if l_1_t is missing else l_1_t), 'My notes')),
                '<span class="visually-hidden"> ',
                escape(context.call((undefined(name='t') if l_1_t is missing else l_1_t), 'on {title}', title=environment.getattr(l_1_r, 'title'))),
                '</span></a></p>',
            ))
        elif ((l_1_notes and (not l_1_compact)) and environment.getattr(l_1_r, 'notes_html')):
            pass
            t_5.extend((
                '<div class="p-content reading-notes">',
                escape(t_1(environment.getattr(l_1_r, 'notes_html'))),
                '</div>',
            ))
        if (not l_1_compact):
            pass
            t_5.append(
                escape(context.call(environment.getattr((undefined(name='chips') if l_0_chips is missing else l_0_chips), 'tag_list'), environment.getattr(l_1_r, 'tags'))),
            )
        t_5.append(
            '</article>',
        )
        return concat(t_5)
    context.exported_vars.add('reading_item')
    context.vars['reading_item'] = l_0_reading_item = Macro(environment, macro, 'reading_item', ('r', 'level', 'with_id', 'notes', 'compact'), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '4=18&5=20&6=26&9=41&11=52&12=61&13=63&14=70&15=79&16=99&20=112&21=129&22=141&23=144&24=153&25=166&26=171&27=173&28=176&29=193&30=204&31=211'
# default/templates/partials/_reading_item.html, sha256 3ba5de56bc195a20384f7f8d75e0f34412918085dae01bba569ac50d3fd8867e: generated by python -m plnsite.render.precompile; do not edit.
