from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'partials/_responses.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_author = l_0_cite = l_0_responses = missing
    try:
        t_1 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    pass
    def macro(l_1_a, l_1_photos):
        t_2 = []
        l_1_t = resolve('t')
        if l_1_a is missing:
            l_1_a = undefined("parameter 'a' was not provided", name='a')
        if l_1_photos is missing:
            l_1_photos = undefined("parameter 'photos' was not provided", name='photos')
        pass
        t_2.append(
            '<span class="p-author h-card">',
        )
        if environment.getattr(l_1_a, 'url'):
            pass
            t_2.extend((
                '<a class="p-name u-url" href="',
                escape(environment.getattr(l_1_a, 'url')),
                '" rel="nofollow ugc">',
                escape(environment.getattr(l_1_a, 'name')),
                '</a>',
            ))
        else:
            pass
            t_2.extend((
                '<span class="p-name">',
                escape(environment.getattr(l_1_a, 'name')),
                '</span>',
            ))
        if environment.getattr(l_1_a, 'photo'):
            pass
            if l_1_photos:
                pass
                t_2.extend((
                    ' <img class="u-photo avatar" src="',
                    escape(environment.getattr(l_1_a, 'photo')),
                    '" alt="" width="32" height="32" loading="lazy" decoding="async" referrerpolicy="no-referrer">',
                ))
            else:
                pass
                t_2.extend((
                    ' <a class="u-photo photo-link" href="',
                    escape(environment.getattr(l_1_a, 'photo')),
                    '" rel="nofollow ugc">',
                    escape(context.call((undefined(name='t') if l_1_t is missing else l_1_t), 'photo')),
                    '</a>',
                ))
        t_2.append(
            '</span>',
        )
        return concat(t_2)
    context.exported_vars.add('author')
    context.vars['author'] = l_0_author = Macro(environment, macro, 'author', ('a', 'photos'), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_c, l_1_property, l_1_photos):
        t_3 = []
        l_1_t = resolve('t')
        if l_1_c is missing:
            l_1_c = undefined("parameter 'c' was not provided", name='c')
        if l_1_property is missing:
            l_1_property = undefined("parameter 'property' was not provided", name='property')
        if l_1_photos is missing:
            l_1_photos = undefined("parameter 'photos' was not provided", name='photos')
        pass
        t_3.extend((
            '<li class="',
            escape(l_1_property),
            ' h-cite response">\n  <p class="response-meta">',
            escape(context.call((undefined(name='author') if l_0_author is missing else l_0_author), environment.getattr(l_1_c, 'author'), l_1_photos)),
        ))
        if environment.getattr(l_1_c, 'date_iso'):
            pass
            t_3.extend((
                ' · <time class="dt-published" datetime="',
                escape(environment.getattr(l_1_c, 'date_iso')),
                '">',
                escape(environment.getattr(l_1_c, 'date_display')),
                '</time>',
            ))
        t_3.extend((
            ' · <a class="u-url" href="',
            escape(environment.getattr(l_1_c, 'url')),
            '" rel="nofollow ugc">',
            escape(context.call((undefined(name='t') if l_1_t is missing else l_1_t), 'original')),
            '</a></p>\n',
        ))
        if environment.getattr(l_1_c, 'text'):
            pass
            t_3.extend((
                '<p class="p-content response-text">',
                escape(environment.getattr(l_1_c, 'text')),
                '</p>',
            ))
        t_3.append(
            '</li>',
        )
        return concat(t_3)
    context.exported_vars.add('cite')
    context.vars['cite'] = l_0_cite = Macro(environment, macro, 'cite', ('c', 'property', 'photos'), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_r):
        t_4 = []
        l_1_t = resolve('t')
        if l_1_r is missing:
            l_1_r = undefined("parameter 'r' was not provided", name='r')
        pass
        if l_1_r:
            pass
            t_4.extend((
                '<section class="responses" id="responses">\n  <h2>',
                escape(context.call((undefined(name='t') if l_1_t is missing else l_1_t), 'Responses')),
                '</h2>\n',
            ))
            for l_2_group in environment.getattr(l_1_r, 'counted'):
                _loop_vars = {}
                pass
                t_4.extend((
                    '  <div class="response-group ',
                    escape(environment.getattr(l_2_group, 'key')),
                    '">\n    <p class="label">',
                ))
                if (environment.getattr(l_2_group, 'kind') == 'like'):
                    pass
                    t_4.append(
                        escape(context.call((undefined(name='t') if l_1_t is missing else l_1_t), '{count} likes', n=environment.getattr(l_2_group, 'count'), count=environment.getattr(l_2_group, 'count'), _loop_vars=_loop_vars)),
                    )
                elif (environment.getattr(l_2_group, 'kind') == 'repost'):
                    pass
                    t_4.append(
                        escape(context.call((undefined(name='t') if l_1_t is missing else l_1_t), '{count} reposts', n=environment.getattr(l_2_group, 'count'), count=environment.getattr(l_2_group, 'count'), _loop_vars=_loop_vars)),
                    )
                else:
                    pass
                    t_4.append(
                        escape(context.call((undefined(name='t') if l_1_t is missing else l_1_t), '{count} bookmarks', n=environment.getattr(l_2_group, 'count'), count=environment.getattr(l_2_group, 'count'), _loop_vars=_loop_vars)),
                    )
                t_4.append(
                    '</p>\n    <ul class="response-people">\n',
                )
                for l_3_p in environment.getattr(l_2_group, 'people'):
                    _loop_vars = {}
                    pass
                    t_4.extend((
                        '<li class="u-',
                        escape(environment.getattr(l_2_group, 'kind')),
                        ' h-cite"><a class="u-url" href="',
                        escape(environment.getattr(l_3_p, 'url')),
                        '" rel="nofollow ugc"><span class="p-author h-card"><span class="p-name">',
                        escape(environment.getattr(l_3_p, 'name')),
                        '</span>',
                    ))
                    if environment.getattr(l_3_p, 'author_url'):
                        pass
                        t_4.extend((
                            '<data class="u-url" value="',
                            escape(environment.getattr(l_3_p, 'author_url')),
                            '"></data>',
                        ))
                    t_4.append(
                        '</span></a></li>\n',
                    )
                l_3_p = missing
                t_4.append(
                    '    </ul>\n  </div>\n',
                )
            l_2_group = missing
            if environment.getattr(l_1_r, 'replies'):
                pass
                t_4.extend((
                    '  <h3>',
                    escape(context.call((undefined(name='t') if l_1_t is missing else l_1_t), '{count} replies', n=t_1(environment.getattr(l_1_r, 'replies')), count=t_1(environment.getattr(l_1_r, 'replies')))),
                    '</h3>\n  <ol class="replies">\n',
                ))
                for l_2_c in environment.getattr(l_1_r, 'replies'):
                    _loop_vars = {}
                    pass
                    t_4.extend((
                        escape(context.call((undefined(name='cite') if l_0_cite is missing else l_0_cite), l_2_c, 'p-comment', environment.getattr(l_1_r, 'photos'), _loop_vars=_loop_vars)),
                        '\n',
                    ))
                l_2_c = missing
                t_4.append(
                    '  </ol>\n',
                )
            if environment.getattr(l_1_r, 'mentions'):
                pass
                t_4.extend((
                    '  <h3>',
                    escape(context.call((undefined(name='t') if l_1_t is missing else l_1_t), 'Mentioned in')),
                    '</h3>\n  <ol class="mentions">\n',
                ))
                for l_2_c in environment.getattr(l_1_r, 'mentions'):
                    _loop_vars = {}
                    pass
                    t_4.extend((
                        escape(context.call((undefined(name='cite') if l_0_cite is missing else l_0_cite), l_2_c, 'u-mention', environment.getattr(l_1_r, 'photos'), _loop_vars=_loop_vars)),
                        '\n',
                    ))
                l_2_c = missing
                t_4.append(
                    '  </ol>\n',
                )
            t_4.append(
                '</section>\n',
            )
        return concat(t_4)
    context.exported_vars.add('responses')
    context.vars['responses'] = l_0_responses = Macro(environment, macro, 'responses', ('r',), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '4=18&6=29&7=45&10=69&11=81&12=83&13=85&14=101&17=114&18=120&20=124&21=127&22=132&23=135&25=153&30=180&31=184&33=187&37=198&38=202&40=205'
# default/templates/partials/_responses.html, sha256 a57f7d4f452d7603ecca9e54a1e2d109338cdf40dad7e16f26c681fcba8413de: generated by python -m plnsite.render.precompile; do not edit.
