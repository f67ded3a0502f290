from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'partials/_hcard.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_chips = l_0_hcard = missing
    try:
        t_1 = environment.filters['safe']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'safe' found.")
    pass
    l_0_chips = context.vars['chips'] = environment.get_template('partials/_tags.html', 'partials/_hcard.html')._get_default_module(context)
    context.exported_vars.discard('chips')
    def macro(l_1_c, l_1_level, l_1_with_id, l_1_details):
        t_2 = []
        l_1_t = resolve('t')
        if l_1_c is missing:
            l_1_c = undefined("parameter 'c' was not provided", name='c')
        if l_1_level is missing:
            l_1_level = 3
        if l_1_with_id is missing:
            l_1_with_id = True
        if l_1_details is missing:
            l_1_details = True
        pass
        t_2.append(
            '<article class="h-card person"',
        )
        if l_1_with_id:
            pass
            t_2.extend((
                ' id="',
                escape(environment.getattr(l_1_c, 'anchor')),
                '"',
            ))
        t_2.extend((
            '>\n  <h',
            escape(l_1_level),
            ' class="person-name">',
        ))
        if environment.getattr(l_1_c, 'url'):
            pass
            t_2.extend((
                '<a class="p-name u-url" href="',
                escape(environment.getattr(l_1_c, 'url')),
                '">',
                escape(environment.getattr(l_1_c, 'name')),
                '</a>',
            ))
        else:
            pass
            t_2.extend((
                '<span class="p-name">',
                escape(environment.getattr(l_1_c, 'name')),
                '</span>',
            ))
        t_2.extend((
            '</h',
            escape(l_1_level),
            '>\n',
        ))
        if environment.getattr(l_1_c, 'role'):
            pass
            t_2.extend((
                '<p class="p-role role">',
                escape(environment.getattr(l_1_c, 'role')),
                '</p>',
            ))
        if (l_1_details and environment.getattr(l_1_c, 'note_html')):
            pass
            t_2.extend((
                '<div class="p-note person-note">',
                escape(t_1(environment.getattr(l_1_c, 'note_html'))),
                '</div>',
            ))
        if (environment.getattr(l_1_c, 'handles') or environment.getattr(l_1_c, 'feed')):
            pass
            t_2.append(
                '  <ul class="person-links">\n',
            )
            for l_2_h in environment.getattr(l_1_c, 'handles'):
                _loop_vars = {}
                pass
                t_2.append(
                    '    <li>',
                )
                if environment.getattr(l_2_h, 'url'):
                    pass
                    t_2.extend((
                        '<a class="',
                        escape(environment.getattr(l_2_h, 'property')),
                        '" href="',
                        escape(environment.getattr(l_2_h, 'url')),
                        '">',
                        escape(environment.getattr(l_2_h, 'label')),
                        '</a>',
                    ))
                else:
                    pass
                    t_2.extend((
                        '<span class="handle">',
                        escape(environment.getattr(l_2_h, 'label')),
                        ': ',
                        escape(environment.getattr(l_2_h, 'text')),
                        '</span>',
                    ))
                t_2.append(
                    '</li>\n',
                )
            l_2_h = missing
            if environment.getattr(l_1_c, 'feed'):
                pass
                t_2.extend((
                    '<li><a class="feed-link" href="',
                    escape(environment.getattr(l_1_c, 'feed')),
                    '">',
                    escape(context.call((undefined(name='t') if l_1_t is missing else l_1_t), 'Feed')),
                    '<span class="visually-hidden"> ',
                    escape(context.call((undefined(name='t') if l_1_t is missing else l_1_t), 'of {name}', name=environment.getattr(l_1_c, 'name'))),
                    '</span></a></li>',
                ))
            t_2.append(
                '  </ul>\n',
            )
        t_2.extend((
            '  ',
            escape(context.call(environment.getattr((undefined(name='chips') if l_0_chips is missing else l_0_chips), 'tag_list'), environment.getattr(l_1_c, 'tags'))),
            '\n',
        ))
        if (l_1_details and environment.getattr(l_1_c, 'latest_post')):
            pass
            t_2.extend((
                '  <p class="latest-post h-cite" data-pagefind-ignore><span class="label">',
                escape(context.call((undefined(name='t') if l_1_t is missing else l_1_t), 'Latest post:')),
                '</span> ',
            ))
            if environment.getattr(environment.getattr(l_1_c, 'latest_post'), 'url'):
                pass
                t_2.extend((
                    '<a class="p-name u-url" href="',
                    escape(environment.getattr(environment.getattr(l_1_c, 'latest_post'), 'url')),
                    '">',
                    escape(environment.getattr(environment.getattr(l_1_c, 'latest_post'), 'title')),
                    '</a>',
                ))
            else:
                pass
                t_2.extend((
                    '<span class="p-name">',
                    escape(environment.getattr(environment.getattr(l_1_c, 'latest_post'), 'title')),
                    '</span>',
                ))
            if environment.getattr(environment.getattr(l_1_c, 'latest_post'), 'date_iso'):
                pass
                t_2.extend((
                    ' · <time class="dt-published" datetime="',
                    escape(environment.getattr(environment.getattr(l_1_c, 'latest_post'), 'date_iso')),
                    '">',
                    escape(environment.getattr(environment.getattr(l_1_c, 'latest_post'), 'date_display')),
                    '</time>',
                ))
            t_2.append(
                '</p>\n',
            )
        if (l_1_details and environment.getattr(l_1_c, 'recommended')):
            pass
            t_2.extend((
                '  <div class="recommended">\n    <p class="label">',
                escape(context.call((undefined(name='t') if l_1_t is missing else l_1_t), 'Recommended')),
                '</p>\n    <ul>\n',
            ))
            for l_2_r in environment.getattr(l_1_c, 'recommended'):
                _loop_vars = {}
                pass
                t_2.extend((
                    '<li><a href="',
                    escape(environment.getattr(l_2_r, 'link_url')),
                    '">',
                    escape(environment.getattr(l_2_r, 'title')),
                    '</a></li>',
                ))
            l_2_r = missing
            t_2.append(
                '    </ul>\n  </div>\n',
            )
        if (l_1_details and environment.getattr(l_1_c, 'linked_from')):
            pass
            t_2.extend((
                '  <div class="linked-from">\n    <p class="label">',
                escape(context.call((undefined(name='t') if l_1_t is missing else l_1_t), 'Mentioned in')),
                '</p>\n    <ul>\n',
            ))
            for l_2_link in environment.getattr(l_1_c, 'linked_from'):
                _loop_vars = {}
                pass
                t_2.extend((
                    '<li><a href="',
                    escape(environment.getattr(l_2_link, 'url')),
                    '">',
                    escape(environment.getattr(l_2_link, 'title')),
                    '</a></li>',
                ))
            l_2_link = missing
            t_2.append(
                '    </ul>\n  </div>\n',
            )
        if (not l_1_with_id):
            pass
            t_2.extend((
                '<p class="more"><a href="',
                escape(environment.getattr(l_1_c, 'link_url')),
                '">',
                escape(context.call((undefined(name='t') if l_1_t is missing else l_1_t), 'More about {name}', name=environment.getattr(l_1_c, 'name'))),
                '</a></p>',
            ))
        t_2.append(
            '</article>',
        )
        return concat(t_2)
    context.exported_vars.add('hcard')
    context.vars['hcard'] = l_0_hcard = Macro(environment, macro, 'hcard', ('c', 'level', 'with_id', 'details'), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '2=18&3=20&4=35&5=44&6=47&7=60&8=65&9=68&10=75&11=82&13=87&14=93&16=117&19=133&20=136&21=140&22=159&24=171&26=175&28=178&32=192&34=196&36=199&40=213'
# default/templates/partials/_hcard.html, sha256 e379925149fb98b4dfe1fde391dbe59590336af3cc6f6621a1847841682de38a: generated by python -m plnsite.render.precompile; do not edit.
