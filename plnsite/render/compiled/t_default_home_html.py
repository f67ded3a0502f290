from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'home.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_cards = l_0_reading = l_0_activity = l_0_np = missing
    pass
    parent_template = environment.get_template('base.html', 'home.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    l_0_cards = context.vars['cards'] = environment.get_template('partials/_note_card.html', 'home.html')._get_default_module(context)
    context.exported_vars.discard('cards')
    l_0_reading = context.vars['reading'] = environment.get_template('partials/_reading_item.html', 'home.html')._get_default_module(context)
    context.exported_vars.discard('reading')
    l_0_activity = context.vars['activity'] = environment.get_template('partials/_heatmap.html', 'home.html')._get_default_module(context)
    context.exported_vars.discard('activity')
    l_0_np = context.vars['np'] = environment.get_template('partials/_network_post.html', 'home.html')._get_default_module(context)
    context.exported_vars.discard('np')
    yield from parent_template.root_render_func(context)

def block_content(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_site = resolve('site')
    l_0_t = resolve('t')
    l_0_home = resolve('home')
    l_0_people = resolve('people')
    l_0_blogroll = resolve('blogroll')
    l_0_np = resolve('np')
    l_0_activity = resolve('activity')
    l_0_author = l_0_n = missing
    pass
    yield '<section class="intro h-card">\n  <h1>'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title'))
    yield '</h1>\n'
    t_1 = []
    pass
    t_1.extend((
        '<a class="p-name u-url u-uid" href="',
        escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'absolute_home_url')),
        '">',
        escape(environment.getattr(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'author'), 'name')),
        '</a>',
    ))
    l_0_author = (Markup if context.eval_ctx.autoescape else identity)(concat(t_1))
    _block_vars['author'] = l_0_author
    yield '  <p class="byline">'
    yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'A learning portfolio by {author}', author=(undefined(name='author') if l_0_author is missing else l_0_author), _block_vars=_block_vars))
    if environment.getattr(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'author'), 'url'):
        pass
        yield ' (<a class="u-url" rel="me" href="'
        yield escape(environment.getattr(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'author'), 'url'))
        yield '">'
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'website', _block_vars=_block_vars))
        yield '</a>)'
    yield '</p>\n'
    if environment.getattr((undefined(name='home') if l_0_home is missing else l_0_home), 'intro'):
        pass
        yield '<p class="p-note lead">'
        yield escape(environment.getattr((undefined(name='home') if l_0_home is missing else l_0_home), 'intro'))
        yield '</p>'
    if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'social'):
        pass
        yield '  <ul class="inline-list elsewhere">\n'
        for l_1_link in environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'social'):
            _loop_vars = {}
            pass
            yield '<li><a class="u-url" rel="me" href="'
            yield escape(environment.getattr(l_1_link, 'url'))
            yield '">'
            yield escape(environment.getattr(l_1_link, 'label'))
            yield '</a></li>'
        l_1_link = missing
        yield '  </ul>\n'
    yield '</section>\n\n<ul class="stats">\n  <li><a href="'
    yield escape(environment.getattr((undefined(name='home') if l_0_home is missing else l_0_home), 'notes_url'))
    yield '">'
    t_2 = []
    pass
    t_2.extend((
        '<strong>',
        escape(environment.getattr(environment.getattr((undefined(name='home') if l_0_home is missing else l_0_home), 'activity'), 'notes')),
        '</strong>',
    ))
    l_0_n = (Markup if context.eval_ctx.autoescape else identity)(concat(t_2))
    _block_vars['n'] = l_0_n
    yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), '{count} notes', n=environment.getattr(environment.getattr((undefined(name='home') if l_0_home is missing else l_0_home), 'activity'), 'notes'), count=(undefined(name='n') if l_0_n is missing else l_0_n), _block_vars=_block_vars))
    yield '</a></li>\n  <li><a href="'
    yield escape(environment.getattr((undefined(name='home') if l_0_home is missing else l_0_home), 'reading_url'))
    yield '">'
    t_3 = []
    pass
    t_3.extend((
        '<strong>',
        escape(environment.getattr(environment.getattr((undefined(name='home') if l_0_home is missing else l_0_home), 'activity'), 'readings')),
        '</strong>',
    ))
    l_0_n = (Markup if context.eval_ctx.autoescape else identity)(concat(t_3))
    _block_vars['n'] = l_0_n
    yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), '{count} readings', n=environment.getattr(environment.getattr((undefined(name='home') if l_0_home is missing else l_0_home), 'activity'), 'readings'), count=(undefined(name='n') if l_0_n is missing else l_0_n), _block_vars=_block_vars))
    yield '</a></li>\n  <li><a href="'
    yield escape(environment.getattr((undefined(name='home') if l_0_home is missing else l_0_home), 'network_url'))
    yield '">'
    t_4 = []
    pass
    t_4.extend((
        '<strong>',
        escape(environment.getattr(environment.getattr((undefined(name='home') if l_0_home is missing else l_0_home), 'network'), 'people')),
        '</strong>',
    ))
    l_0_n = (Markup if context.eval_ctx.autoescape else identity)(concat(t_4))
    _block_vars['n'] = l_0_n
    yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), '{count} people', n=environment.getattr(environment.getattr((undefined(name='home') if l_0_home is missing else l_0_home), 'network'), 'people'), count=(undefined(name='n') if l_0_n is missing else l_0_n), _block_vars=_block_vars))
    yield '</a></li>\n  <li>'
    t_5 = []
    pass
    t_5.extend((
        '<strong>',
        escape(environment.getattr(environment.getattr((undefined(name='home') if l_0_home is missing else l_0_home), 'activity'), 'tags')),
        '</strong>',
    ))
    l_0_n = (Markup if context.eval_ctx.autoescape else identity)(concat(t_5))
    _block_vars['n'] = l_0_n
    yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), '{count} topics', n=environment.getattr(environment.getattr((undefined(name='home') if l_0_home is missing else l_0_home), 'activity'), 'tags'), count=(undefined(name='n') if l_0_n is missing else l_0_n), _block_vars=_block_vars))
    yield '</li>\n</ul>\n\n<div class="home-grid">\n  <section class="h-feed latest">\n    <h2 class="p-name">'
    yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Latest notes', _block_vars=_block_vars))
    yield '</h2>\n'
    t_6 = 1
    for l_1_note in environment.getattr((undefined(name='home') if l_0_home is missing else l_0_home), 'latest'):
        l_1_cards = resolve('cards')
        _loop_vars = {}
        pass
        yield '    '
        yield escape(context.call(environment.getattr((undefined(name='cards') if l_1_cards is missing else l_1_cards), 'note_card'), l_1_note, 3, _loop_vars=_loop_vars))
        yield '\n'
        t_6 = 0
    l_1_note = l_1_cards = missing
    if t_6:
        pass
        yield '    <p class="empty">'
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'No notes yet.'))
        yield '</p>\n'
    if environment.getattr((undefined(name='home') if l_0_home is missing else l_0_home), 'more_notes'):
        pass
        yield '<p class="more"><a href="'
        yield escape(environment.getattr((undefined(name='home') if l_0_home is missing else l_0_home), 'notes_url'))
        yield '">'
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'All notes', _block_vars=_block_vars))
        yield ' <span class="arrow" aria-hidden="true">→</span></a></p>'
    yield '  </section>\n\n  <div class="home-side">\n'
    if environment.getattr((undefined(name='home') if l_0_home is missing else l_0_home), 'currently_reading'):
        pass
        yield '    <section class="reading-now">\n      <h2>'
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Currently reading', _block_vars=_block_vars))
        yield '</h2>\n'
        for l_1_r in environment.getattr((undefined(name='home') if l_0_home is missing else l_0_home), 'currently_reading'):
            l_1_reading = resolve('reading')
            _loop_vars = {}
            pass
            yield escape(context.call(environment.getattr((undefined(name='reading') if l_1_reading is missing else l_1_reading), 'reading_item'), l_1_r, 3, compact=True, _loop_vars=_loop_vars))
        l_1_r = l_1_reading = missing
        yield '    </section>\n'
    yield '\n'
    if environment.getattr((undefined(name='home') if l_0_home is missing else l_0_home), 'recently_finished'):
        pass
        yield '    <section class="reading-finished">\n      <h2>'
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Recently finished', _block_vars=_block_vars))
        yield '</h2>\n'
        for l_1_r in environment.getattr((undefined(name='home') if l_0_home is missing else l_0_home), 'recently_finished'):
            l_1_reading = resolve('reading')
            _loop_vars = {}
            pass
            yield escape(context.call(environment.getattr((undefined(name='reading') if l_1_reading is missing else l_1_reading), 'reading_item'), l_1_r, 3, compact=True, _loop_vars=_loop_vars))
        l_1_r = l_1_reading = missing
        yield '      <p class="more"><a href="'
        yield escape(environment.getattr((undefined(name='home') if l_0_home is missing else l_0_home), 'reading_url'))
        yield '">'
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Everything I read', _block_vars=_block_vars))
        yield ' <span class="arrow" aria-hidden="true">→</span></a></p>\n    </section>\n'
    yield '\n    <section class="network-size">\n      <h2>'
    yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'My network', _block_vars=_block_vars))
    yield '</h2>\n'
    if environment.getattr(environment.getattr((undefined(name='home') if l_0_home is missing else l_0_home), 'network'), 'people'):
        pass
        t_7 = []
        pass
        t_7.extend((
            '<a href="',
            escape(environment.getattr((undefined(name='home') if l_0_home is missing else l_0_home), 'network_url')),
            '">',
            escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), '{n} people', n=environment.getattr(environment.getattr((undefined(name='home') if l_0_home is missing else l_0_home), 'network'), 'people'))),
            '</a>',
        ))
        l_0_people = (Markup if context.eval_ctx.autoescape else identity)(concat(t_7))
        _block_vars['people'] = l_0_people
        t_8 = []
        pass
        t_8.extend((
            '<a href="',
            escape(environment.getattr(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'feeds'), 'opml')),
            '">',
            escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'my blogroll')),
            '</a>',
        ))
        l_0_blogroll = (Markup if context.eval_ctx.autoescape else identity)(concat(t_8))
        _block_vars['blogroll'] = l_0_blogroll
        yield '      <p>'
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'I learn from {people} in {n} lists.', n=environment.getattr(environment.getattr((undefined(name='home') if l_0_home is missing else l_0_home), 'network'), 'lists'), people=(undefined(name='people') if l_0_people is missing else l_0_people), _block_vars=_block_vars))
        if environment.getattr(environment.getattr((undefined(name='home') if l_0_home is missing else l_0_home), 'network'), 'feeds'):
            pass
            yield ' '
            yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), '{n} of them publish a feed, collected in {blogroll}.', n=environment.getattr(environment.getattr((undefined(name='home') if l_0_home is missing else l_0_home), 'network'), 'feeds'), blogroll=(undefined(name='blogroll') if l_0_blogroll is missing else l_0_blogroll), _block_vars=_block_vars))
        yield '</p>\n'
    else:
        pass
        yield '      <p class="empty">'
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'No one listed yet.', _block_vars=_block_vars))
        yield '</p>\n'
    yield '    </section>\n'
    if environment.getattr((undefined(name='home') if l_0_home is missing else l_0_home), 'from_network'):
        pass
        yield '    <section class="from-network">\n      <h2>'
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'From my network', _block_vars=_block_vars))
        yield '</h2>\n      '
        yield escape(context.call(environment.getattr((undefined(name='np') if l_0_np is missing else l_0_np), 'as_of'), environment.getattr((undefined(name='home') if l_0_home is missing else l_0_home), 'network_as_of'), _block_vars=_block_vars))
        yield '\n'
        for l_1_post in environment.getattr((undefined(name='home') if l_0_home is missing else l_0_home), 'from_network'):
            _loop_vars = {}
            pass
            yield '      '
            yield escape(context.call(environment.getattr((undefined(name='np') if l_0_np is missing else l_0_np), 'network_post'), l_1_post, 3, _loop_vars=_loop_vars))
            yield '\n'
        l_1_post = missing
        if environment.getattr(environment.getattr((undefined(name='home') if l_0_home is missing else l_0_home), 'network_as_of'), 'latest_url'):
            pass
            yield '<p class="more"><a href="'
            yield escape(environment.getattr(environment.getattr((undefined(name='home') if l_0_home is missing else l_0_home), 'network_as_of'), 'latest_url'))
            yield '">'
            yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'More from my network', _block_vars=_block_vars))
            yield ' <span aria-hidden="true">→</span></a></p>'
        yield '    </section>\n'
    yield '  </div>\n</div>\n\n'
    if environment.getattr((undefined(name='home') if l_0_home is missing else l_0_home), 'consistency'):
        pass
        yield '<section class="activity" aria-labelledby="activity-heading">\n  <h2 id="activity-heading">'
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Activity', _block_vars=_block_vars))
        yield '</h2>\n  '
        yield escape(context.call(environment.getattr((undefined(name='activity') if l_0_activity is missing else l_0_activity), 'streaks'), environment.getattr(environment.getattr((undefined(name='home') if l_0_home is missing else l_0_home), 'consistency'), 'streaks'), _block_vars=_block_vars))
        yield '\n  '
        yield escape(context.call(environment.getattr((undefined(name='activity') if l_0_activity is missing else l_0_activity), 'heatmap'), environment.getattr(environment.getattr((undefined(name='home') if l_0_home is missing else l_0_home), 'consistency'), 'heatmap'), _block_vars=_block_vars))
        yield '\n  <p class="more"><a href="'
        yield escape(environment.getattr(environment.getattr((undefined(name='home') if l_0_home is missing else l_0_home), 'consistency'), 'url'))
        yield '">'
        yield escape(context.call((undefined(name='t') if l_0_t is missing else l_0_t), 'Every year, topics and reading stats', _block_vars=_block_vars))
        yield ' <span aria-hidden="true">→</span></a></p>\n</section>\n'

blocks = {'content': block_content}
debug_info = '1=13&2=16&3=18&4=20&5=22&6=26&8=43&9=49&10=57&11=66&12=71&14=74&20=85&21=98&22=111&23=128&28=135&29=138&30=143&32=150&34=152&38=160&40=163&41=165&45=173&47=176&48=178&49=185&54=190&55=192&56=198&57=209&58=217&60=226&63=229&65=232&66=234&67=236&68=240&70=243&76=252&78=255&79=257&80=259&81=261'
# default/templates/home.html, sha256 d676370f30dabcaf010f4d7a27779df038a0f997d953028090f3351d28e71b5d: generated by python -m plnsite.render.precompile; do not edit.
