"""The Arabic catalogue: each msgid of the interface (its English text) and its Arabic.

Counted phrases have Arabic's forms (CLDR's plural categories): one and two have words of
their own (خبر واحد, خبران), three to ten take the plural (6 أخبار), eleven to ninety-nine
the singular with tanween (67 خبرًا), and the rest, a hundred or none, the bare singular.
Key names stay as the keyboard prints them (`q`, `Enter`, `Esc`), and so do the query
syntax (`tag:`, `source:`, `after:`) and the command's options and names.
"""

from __future__ import annotations

FORM_ONE, FORM_TWO, FORM_FEW, FORM_MANY, FORM_OTHER = range(5)
FEW = range(3, 11)  # the last two digits that take the plural
MANY = range(11, 100)  # … and the singular with tanween


def plural_form(count: int) -> int:
    """Which of a counted phrase's five forms `count` takes."""
    if count == 1:
        return FORM_ONE
    if count == 2:
        return FORM_TWO
    last_two = count % 100
    if last_two in FEW:
        return FORM_FEW
    if last_two in MANY:
        return FORM_MANY
    return FORM_OTHER


# One, two, three to ten, eleven to ninety-nine, the rest.
PLURALS: dict[str, tuple[str, str, str, str, str]] = {
    "{count} article": ("خبر واحد", "خبران", "{count} أخبار", "{count} خبرًا", "{count} خبر"),
    "{count} new article": (
        "خبر جديد واحد",
        "خبران جديدان",
        "{count} أخبار جديدة",
        "{count} خبرًا جديدًا",
        "{count} خبر جديد",
    ),
    "{count} problem": (
        "ملاحظة واحدة",
        "ملاحظتان",
        "{count} ملاحظات",
        "{count} ملاحظةً",
        "{count} ملاحظة",
    ),
    "{count} page": ("صفحة واحدة", "صفحتان", "{count} صفحات", "{count} صفحةً", "{count} صفحة"),
    "{count} matching tag": (
        "وسم واحد مطابق",
        "وسمان مطابقان",
        "{count} وسوم مطابقة",
        "{count} وسمًا مطابقًا",
        "{count} وسم مطابق",
    ),
}

MESSAGES: dict[str, str] = {
    # The article's labels and dates
    "Tags:": "الوسوم:",
    "Read also:": "اقرأ أيضًا:",
    "Articles that point here:": "مقالات تشير إلى هذا:",
    "Similar articles:": "أخبار مشابهة:",
    "Source:": "المصدر:",
    "AH": "هـ",
    "January": "يناير",
    "February": "فبراير",
    "March": "مارس",
    "April": "أبريل",
    "May": "مايو",
    "June": "يونيو",
    "July": "يوليو",
    "August": "أغسطس",
    "September": "سبتمبر",
    "October": "أكتوبر",
    "November": "نوفمبر",
    "December": "ديسمبر",
    "No article is open yet.": "لم يُفتح خبر بعد.",
    "Choose a headline in the list and press Enter to read it; ? lists the keys.": (
        "اختر عنوانًا من القائمة واضغط Enter لقراءته، واضغط ? لعرض المفاتيح."
    ),
    # The command line
    "exported {count} marks to {file}": "صُدِّرت {count} علامة إلى {file}",
    "imported {count} of {total} marks from {file}": "استُورِدت {count} من {total} علامة من {file}",
    "standard {stream} is not a terminal; use `newsreader list` or `newsreader show ARTICLE` "
    "to print": (
        "{stream} القياسي ليس طرفية؛ للطباعة استخدم `newsreader list` أو `newsreader show ARTICLE`"
    ),
    "output": "الخرج",
    "input": "الدخل",
    "error": "خرج الأخطاء",
    "the library holds no corpus of {path}": "لا تحوي المكتبة مجموعة للمسار {path}",
    "{file}: cannot be written ({reason})": "{file}: تتعذّر الكتابة فيه ({reason})",
    "standard output is closed; nothing to write to": "الخرج القياسي مغلق؛ لا مكان للكتابة",
    "no tag matches {tag}": "لا وسم يطابق {tag}",
    "the library holds no article {ids}": "لا تحوي المكتبة الخبر {ids}",
    "the marks could not be saved ({error})": "تعذّر حفظ العلامات ({error})",
    "read: {read}, saved: {saved}": "المقروءة: {read}، المحفوظة: {saved}",
    "{pages} pages, {articles} articles, {merged} merged, {failed} failed, {warnings} warnings": (
        "الصفحات: {pages}، الأخبار: {articles}، المدموجة: {merged}، الفاشلة: {failed}، "
        "التحذيرات: {warnings}"
    ),
    "forgot {paths}": "نُسيت {paths}",
    "no article matches {ref} (give its id, its title or a title prefix; `newsreader list` "
    "names them)": (
        "لا خبر يطابق {ref} (اكتب معرّفه أو عنوانه أو بداية عنوانه؛ `newsreader list` يسردها)"
    ),
    "{ref} starts {count} titles; give more of the title, or the id:": (
        "{ref} يبدأ {count} عنوانًا؛ اكتب المزيد من العنوان، أو المعرّف:"
    ),
    "{ref} starts {count} or more titles; give more of the title, or the id:": (
        "{ref} يبدأ {count} عنوانًا أو أكثر؛ اكتب المزيد من العنوان، أو المعرّف:"
    ),
    "linking: tags and stories across the corpus…": "الربط: الوسوم والأخبار في المجموعة كلها…",
    "{done}/{total} files, {pages}, {rate} files/s": "{done}/{total} ملف، {pages}، {rate} ملف/ث",
    "--logical and --visual exclude each other": "لا يجتمع --logical و--visual",
    "checking: {done}/{total} files": "التحقق: {done}/{total} ملف",
    "finding: {done} files": "البحث عن الملفات: {done} ملف",
    ", {seconds} s left": "، متبقٍّ {seconds} ث",
    "Error: {message}": "خطأ: {message}",
    "settings: {problem}": "الإعدادات: {problem}",
    "warning: {warning}": "تحذير: {warning}",
    "{program}, version {version}": "{program}، الإصدار {version}",
    # The command line's help (`--help`)
    "Usage:": "الاستعمال:",
    "[OPTIONS]": "[خيارات]",
    "COMMAND [ARGS]...": "أمر [وسائط]...",
    "[COMMAND] [ARGS]...": "[أمر] [وسائط]...",
    "[PATHS]...": "[مسارات]...",
    "FILE": "ملف",
    "NAME": "اسم",
    "TAG": "وسم",
    "INTEGER RANGE": "عدد",
    "ID...": "معرّف...",
    "QUERY": "استعلام",
    "PATH": "مسار",
    "ARTICLE": "خبر",
    "Show this message and exit.": "عرض هذه الرسالة والخروج.",
    "Show the version and exit.": "عرض الإصدار والخروج.",
    "A reader for Arabic news dumps, right to left in any terminal.\n\n"
    "With no command, opens the reader on PATH... (files, folders, .jsonl, .jsonl.gz), "
    "or on the bundled sample feeds when no path is given.\n\n"
    "What the dumps hold is kept in a library (one SQLite file in the user's data "
    "directory), so that reopening a corpus is instant and only new or changed files "
    "are read again.\n\n"
    "Settings are read from config.toml in the user's config directory (`newsreader "
    "keys` lists the binding ids its [keymap] table takes); options and environment "
    "variables override them.": (
        "قارئ لملفات الأخبار العربية، من اليمين إلى اليسار في أي طرفية.\n\n"
        "إن لم يُذكر أمر، فتح القارئ على المسارات المعطاة (ملفات ومجلدات و.jsonl و.jsonl.gz)، "
        "أو على الأخبار النموذجية المرفقة إن لم يُعطَ مسار.\n\n"
        "يُحفظ ما في ملفات الأخبار في مكتبة (ملف SQLite واحد في مجلد بيانات المستخدم)، "
        "فتُفتح المجموعة من جديد في الحال، ولا يُقرأ مرة أخرى إلا ما جدّ من الملفات أو تغيّر.\n\n"
        "تُقرأ الإعدادات من config.toml في مجلد إعدادات المستخدم (ويسرد `newsreader keys` "
        "معرّفات المفاتيح التي يأخذها جدول [keymap] فيه)، وتتقدّم عليها الخيارات ومتغيرات "
        "البيئة."
    ),
    "The library file (default: library.sqlite3 in the user's data directory; also "
    "NEWSREADER_LIBRARY; ':memory:' keeps nothing), or a PostgreSQL server's "
    "postgresql://USER@HOST/DATABASE that a team shares.": (
        "ملف المكتبة (الافتراضي: library.sqlite3 في مجلد بيانات المستخدم؛ ويُضبط أيضًا "
        "بالمتغير NEWSREADER_LIBRARY؛ و':memory:' لا يحفظ شيئًا)، أو مكتبة يتشاركها فريق "
        "على خادم PostgreSQL بعنوان postgresql://USER@HOST/DATABASE."
    ),
    "Whose marks and places a shared library keeps (default: the login role; also "
    "NEWSREADER_USER).": (
        "صاحب العلامات والمواضع في مكتبة مشتركة (الافتراضي: دور تسجيل الدخول؛ ويُضبط "
        "أيضًا بالمتغير NEWSREADER_USER)."
    ),
    "The interface's language (default: the settings' language, else Arabic when the "
    "locale is Arabic, else English).": (
        "لغة الواجهة (الافتراضي: لغة الإعدادات، وإلا فالعربية إن كانت لغة النظام عربية، "
        "وإلا فالإنجليزية)."
    ),
    "Open the reader on PATH... (default: the settings' folders, else the bundled sample feeds).": (
        "فتح القارئ على المسارات المعطاة (الافتراضي: مجلدات الإعدادات، وإلا فالأخبار "
        "النموذجية المرفقة)."
    ),
    "Headline list on the right (rtl, the default) or on the left (ltr).": (
        "قائمة العناوين على اليمين (rtl، وهو الافتراضي) أو على اليسار (ltr)."
    ),
    "Who orders right-to-left text: the app (the default), or a terminal that does "
    "its own bidi (also NEWSREADER_BIDI).": (
        "من يرتّب النص المكتوب من اليمين إلى اليسار: البرنامج (وهو الافتراضي)، أو طرفية "
        "ترتّبه بنفسها (ويُضبط أيضًا بالمتغير NEWSREADER_BIDI)."
    ),
    "Print every article as JSON Lines, newest first, undated last.": (
        "طباعة كل الأخبار بصيغة JSON Lines، الأحدث أولًا وغير المؤرّخ في الآخر."
    ),
    "Print headlines, one a line, newest first (--unread, --saved: only those).": (
        "طباعة العناوين، عنوانًا في كل سطر، الأحدث أولًا (--unread و--saved: غير المقروءة "
        "أو المحفوظة وحدها)."
    ),
    "Only articles with the best matching tag.": "الأخبار التي تحمل أقرب وسم مطابق فقط.",
    "At most N headlines.": "العناوين بهذا العدد على الأكثر.",
    "Only articles not read yet.": "الأخبار التي لم تُقرأ بعد فقط.",
    "Only saved articles.": "الأخبار المحفوظة فقط.",
    "JSON Lines: id, title, published, source, tags, read and saved of each article.": (
        "بصيغة JSON Lines: لكل خبر معرّفه وعنوانه وتاريخ نشره ومصدره ووسومه، وهل قُرئ وهل حُفظ."
    ),
    "Mark articles (by id, as `list --json` gives them) read, unread, saved or unsaved.": (
        "تعليم الأخبار (بمعرّفاتها كما يعطيها `list --json`) مقروءة أو غير مقروءة أو "
        "محفوظة أو غير محفوظة."
    ),
    "How many articles are read and saved; moving that state between machines.": (
        "عدد الأخبار المقروءة والمحفوظة، ونقل هذه الحالة بين الأجهزة."
    ),
    "Write every mark and where each corpus was left to FILE (JSON).": (
        "كتابة كل العلامات وموضع التوقف في كل مجموعة إلى الملف المعطى (بصيغة JSON)."
    ),
    "Merge the marks and places of FILE (from `state export`): a mark newer here stays.": (
        "دمج علامات الملف المعطى ومواضعه (من `state export`)، وتبقى العلامة التي هنا إن كانت أحدث."
    ),
    "Print the articles whose text matches QUERY, best first: words (all of them), "
    '"a phrase", -word (not it), word* (a prefix), a OR b, tag:…, source:…, '
    "after:2024-01-01, before:2024-12-31.": (
        "طباعة الأخبار التي يطابق نصها الاستعلام، الأفضل أولًا: كلمات (كلها معًا)، "
        'و"عبارة"، و-كلمة (بدونها)، وكلمة* (بادئة)، وكلمة OR أخرى، و`tag:…` و`source:…` '
        "و`after:2024-01-01` و`before:2024-12-31`."
    ),
    "At most N articles.": "الأخبار بهذا العدد على الأكثر.",
    "JSON Lines: id, title, published, source, snippet and score of each article.": (
        "بصيغة JSON Lines: لكل خبر معرّفه وعنوانه وتاريخ نشره ومصدره والمقتطف ودرجته."
    ),
    "Print every tag with its article count, most used first.": (
        "طباعة كل وسم مع عدد أخباره، الأكثر استعمالًا أولًا."
    ),
    "Report every problem in the dumps and a summary; exit 1 when a page failed.": (
        "عرض كل ملاحظة في ملفات الأخبار وملخّصًا لها؛ والخروج بالحالة 1 إن تعذّرت قراءة صفحة."
    ),
    "Where the library is, its size, and each corpus in it.": (
        "مكان المكتبة وحجمها وكل مجموعة فيها."
    ),
    "Drop every corpus opened on PATH or inside it: its pages, articles and tags.": (
        "حذف كل مجموعة فُتحت على المسار المعطى أو داخله: صفحاتها وأخبارها ووسومها."
    ),
    "Print every key binding: ID, keys (comma-separated) and what it does, tab-separated; "
    "the IDs are what the settings' [keymap] table rebinds.": (
        "طباعة كل ربط للمفاتيح: المعرّف والمفاتيح (بينها فواصل) وما يفعله، تفصل بينها "
        "علامات جدولة؛ والمعرّفات هي ما يعيد جدول [keymap] في الإعدادات ربطه."
    ),
    "Shaped, in visual order and laid out, as at a terminal (the default there).": (
        "موصول الحروف بالترتيب المرئي ومصفوفًا كما في الطرفية (وهو الافتراضي فيها)."
    ),
    "Logical order, unshaped: for pipes (the default there), or terminals doing their own bidi.": (
        "بالترتيب المنطقي بلا وصل للحروف: للأنابيب (وهو الافتراضي فيها)، أو للطرفيات التي "
        "ترتّب النص بنفسها."
    ),
    "Print ARTICLE (an id, a title or a unique title prefix) from PATH... or the bundled feeds.": (
        "طباعة الخبر المطلوب (بمعرّفه أو عنوانه أو بداية لعنوانه لا يشاركه فيها غيره) من "
        "المسارات المعطاة أو من الأخبار النموذجية المرفقة."
    ),
    "Cells per line (default: the terminal's).": "عدد الخانات في السطر (الافتراضي: عرض الطرفية).",
    # The settings file
    "cannot be read ({reason})": "تتعذّر قراءته ({reason})",
    "is not valid TOML ({error})": "ليس TOML صالحًا ({error})",
    'must be a key or a list of keys, such as "j" or ["j", "down"]': (
        'يجب أن يكون مفتاحًا أو قائمة مفاتيح، مثل "j" أو ["j", "down"]'
    ),
    "must be one of {options}, not {value}": "يجب أن يكون أحد {options}، لا {value}",
    "is not a binding id (`newsreader keys` lists them)": (
        "ليس معرّف مفتاح (`newsreader keys` يسرد المعرّفات)"
    ),
    "{value} is not a theme (one of {themes})": "{value} ليس سمة (السمات: {themes})",
    "{value} is not a theme": "{value} ليس سمة",
    "must be a file name (a string)": "يجب أن يكون اسم ملف (نصًّا)",
    "must be a folder or a list of folders (strings)": "يجب أن يكون مجلدًا أو قائمة مجلدات (نصوصًا)",
    "must be a number of seconds, 0 or more, not {value}": (
        "يجب أن يكون عددًا من الثواني، 0 أو أكثر، لا {value}"
    ),
    "must be true or false, not {value}": "يجب أن يكون true أو false، لا {value}",
    'must be a table: [keymap] then lines such as "list.down" = "j"': (
        'يجب أن يكون جدولًا: [keymap] ثم أسطر مثل "list.down" = "j"'
    ),
    "is not a setting": "ليس إعدادًا",
    # The command palette
    "Theme": "السمة",
    "Change the current theme": "تغيير سمة الألوان",
    "Quit the application as soon as possible": "الخروج من البرنامج فورًا",
    "Keys": "لوحة المفاتيح",
    "Hide the keys and widget help panel": "إخفاء لوحة المفاتيح والمساعدة",
    "Show help for the focused widget and a summary of available keys": (
        "عرض مساعدة الجزء النشط وملخص المفاتيح المتاحة"
    ),
    "Minimize": "تصغير",
    "Minimize the widget and restore to normal size": "تصغير الجزء وإعادته إلى حجمه العادي",
    "Maximize": "تكبير",
    "Maximize the focused widget": "تكبير الجزء النشط",
    "Screenshot": "لقطة شاشة",
    "Save an SVG 'screenshot' of the current screen": "حفظ لقطة SVG للشاشة الحالية",
    "Show the interface in Arabic": "عرض الواجهة بالعربية",
    "Show the interface in English": "عرض الواجهة بالإنجليزية",
    "Settings file: show where it is": "ملف الإعدادات: أين هو",
    "The settings file the reader reads at start": "ملف الإعدادات الذي يقرؤه القارئ عند البدء",
    "Layout: headline list on the left (ltr)": "التخطيط: قائمة العناوين على اليسار (ltr)",
    "Layout: headline list on the right (rtl)": "التخطيط: قائمة العناوين على اليمين (rtl)",
    "Flip the panes (f)": "تبديل موضعي اللوحين (f)",
    "Bidi: leave right-to-left text to the terminal": "الاتجاه: ترك ترتيب النص العربي للطرفية",
    "For a terminal that shapes and orders Arabic itself (--bidi terminal)": (
        "لطرفية تصل الحروف العربية وترتبها بنفسها (--bidi terminal)"
    ),
    "Bidi: the reader orders right-to-left text": "الاتجاه: القارئ يرتب النص العربي",
    "For a terminal that shows Arabic reversed and unjoined (--bidi app)": (
        "لطرفية تعرض العربية معكوسة ومقطّعة الحروف (--bidi app)"
    ),
    "Settings": "الإعدادات",
    "Open this article": "فتح هذا الخبر",
    "List the articles with this tag": "عرض الأخبار التي تحمل هذا الوسم",
    "List this source's articles, newest first": "عرض أخبار هذا المصدر، الأحدث أولًا",
    # Problems met reading the dumps (reader.problems)
    "{where}: error: {problem}": "{where}: خطأ: {problem}",
    "{where}: warning: {problem}": "{where}: تنبيه: {problem}",
    "cannot list folder: {reason}": "تعذّر سرد محتوى المجلد: {reason}",
    "cannot open: {reason}": "تعذّر الفتح: {reason}",
    "cannot read: {reason}": "تعذّرت القراءة: {reason}",
    "symbolic link loop: leads back to a folder being read; not followed": (
        "حلقة روابط رمزية: تعود إلى مجلد تجري قراءته؛ لم تُتبَع"
    ),
    "folder nested more than {depth} deep; not read": (
        "مجلد متداخل أعمق من {depth} مستويات؛ لم يُقرأ"
    ),
    "not a regular file or folder": "ليس ملفًا عاديًا ولا مجلدًا",
    "a name that is not UTF-8 cannot be kept on a server; not read": (
        "لا يُحفظ على الخادم اسم ليس بترميز UTF-8؛ لم يُقرأ"
    ),
    "symbolic link loop": "حلقة روابط رمزية",
    "permission denied": "لا إذن بالوصول",
    "no such file or directory": "لا ملف ولا مجلد بهذا الاسم",
    "corrupt compressed data": "بيانات مضغوطة تالفة",
    "empty file": "ملف فارغ",
    "{size} MB is far too large for one news page; skipped": (
        "{size} ميغابايت أكبر بكثير من صفحة خبر واحدة؛ تُرك"
    ),
    "uncompressed, far too large for one news page; skipped": (
        "أكبر بكثير من صفحة خبر واحدة بعد فك ضغطه؛ تُرك"
    ),
    "broken gzip data: {reason}": "بيانات gzip تالفة: {reason}",
    "{count} undecodable byte sequence(s) shown as �": (
        "عدد تسلسلات البايتات التي تعذّر فكّها فعُرضت بالرمز �: {count}"
    ),
    "starts with a {codec} mark but is not {codec}": "يبدأ بعلامة {codec} لكنه ليس {codec}",
    "binary data, not text": "بيانات ثنائية، لا نص",
    "undecodable bytes: neither UTF-8, UTF-16 nor Windows-1256 text": (
        "بايتات يتعذّر فكّها: ليست نص UTF-8 ولا UTF-16 ولا Windows-1256"
    ),
    "line of {size} MB is far too large for one page; skipped": (
        "سطر من {size} ميغابايت أكبر بكثير من صفحة واحدة؛ تُرك"
    ),
    "{count} lone surrogate escape(s) shown as �": (
        "عدد رموز الهروب البديلة المنفردة التي عُرضت بالرمز �: {count}"
    ),
    "cannot read past line {line}: {reason}": "تعذّرت القراءة بعد السطر {line}: {reason}",
    "truncated": "الملف مبتور",
    "line is not UTF-8 text": "السطر ليس نص UTF-8",
    "broken JSON ({reason} at column {column})": "JSON تالف ({reason} عند العمود {column})",
    "broken JSON (nested too deeply)": "JSON تالف (تداخل أعمق من اللازم)",
    'JSON line is not an object with a "text" field': 'سطر JSON ليس كائنًا فيه حقل "text"',
    'JSON object has no "text" string': 'كائن JSON ليس فيه نص في الحقل "text"',
    "not a news page: {reason}": "ليست صفحة خبر: {reason}",
    "no text": "لا نص فيها",
    "no headline before the page chrome": "لا عنوان قبل عناصر الصفحة",
    "a headline with no body under it": "عنوان بلا متن تحته",
    "no Arabic headline and body, and none of the dump's labels": (
        "لا عنوان ولا متن بالعربية، ولا أيّ من تسميات التفريغ"
    ),
    "first line is {length} characters long, not a headline": (
        "طول السطر الأول {length} حرفًا، فليس عنوانًا"
    ),
    "first line has no words, not a headline": "السطر الأول بلا كلمات، فليس عنوانًا",
    'a "read also" block without a plausible headline was ignored': (
        "تُرك قسم «اقرأ أيضًا» لا عنوان معقولًا فيه"
    ),
    "unreadable publication date {date}": "تاريخ نشر تتعذّر قراءته: {date}",
    "a lone - excludes nothing: left out": "علامة - وحدها لا تستبعد شيئًا: تُركت",
    "{word} needs a value: left out": "{word} يحتاج إلى قيمة: تُرك",
    "a quote was not closed: read to the end": "علامة تنصيص لم تُغلق: قُرئ البحث حتى آخره",
    "a query needs a word to find, not only words to leave out": (
        "يحتاج البحث إلى كلمة يجدها، لا إلى كلمات يستبعدها فقط"
    ),
    "{filter}: needs a value: left out": "{filter}: يحتاج إلى قيمة: تُرك",
    "{filter}: wants a date such as 2024-01-31, not {value}: left out": (
        "{filter}: يريد تاريخًا مثل 2024-01-31، لا {value}: تُرك"
    ),
    "no word of the query can be searched for": "لا كلمة في البحث يمكن البحث عنها",
    "the bundled sample feeds are missing (looked in {places})": (
        "الأخبار النموذجية المرفقة مفقودة (بُحث عنها في {places})"
    ),
    "the library {where} cannot be used ({reason}); reading without one this time": (
        "لا يمكن استعمال المكتبة {where} ({reason})؛ القراءة هذه المرة بلا مكتبة"
    ),
    "the library {path} is damaged ({reason})": "المكتبة {path} تالفة ({reason})",
    "the library was made by a newer newsreader (schema {version}, this one reads {ours})": (
        "صُنعت المكتبة بإصدار أحدث من newsreader (المخطط {version}، وهذا الإصدار يقرأ {ours})"
    ),
    "the library file holds tables of something else": "ملف المكتبة يحوي جداول لبرنامج آخر",
    "cannot use write-ahead logging ({mode})": "تعذّر استعمال سجل الكتابة المسبقة ({mode})",
    "{reason}; it was moved to {path} and is made again": (
        "{reason}؛ نُقلت إلى {path} وتُبنى من جديد"
    ),
    "{note}, which failed too ({reason}); reading without a library": (
        "{note}، وقد تعذّر ذلك أيضًا ({reason})؛ القراءة بلا مكتبة"
    ),
    "{reason}; reading without a library this time": "{reason}؛ القراءة هذه المرة بلا مكتبة",
    "{reason}; reading without it this time": "{reason}؛ القراءة هذه المرة بدونها",
    "the library cannot be written ({reason}); reading without it": (
        "تتعذّر الكتابة في المكتبة ({reason})؛ القراءة بدونها"
    ),
    "the library could not be brought up to date: {reason}": "تعذّر تحديث المكتبة: {reason}",
    "{warning}; the marks made so far could not be carried over ({reason})": (
        "{warning}؛ وتعذّر نقل العلامات المحفوظة حتى الآن ({reason})"
    ),
    "the library server {server} cannot be reached ({reason})": (
        "يتعذّر الوصول إلى خادم المكتبة {server} ({reason})"
    ),
    "File exists": "يوجد ملف بهذا الاسم",
    "No space left on device": "لا مساحة باقية على القرص",
    "Read-only file system": "نظام الملفات للقراءة فقط",
    "Permission denied": "لا إذن بالوصول",
    "Not a directory": "ليس مجلدًا",
    "No such file or directory": "لا ملف ولا مجلد بهذا الاسم",
    "Is a directory": "هذا مجلد",
    "database is locked": "قاعدة البيانات مقفلة",
    "database or disk is full": "قاعدة البيانات أو القرص ممتلئ",
    "attempt to write a readonly database": "محاولة الكتابة في قاعدة بيانات للقراءة فقط",
    "unable to open database file": "تعذّر فتح ملف قاعدة البيانات",
    "the library server {server} is unreachable ({reason})": (
        "انقطع الاتصال بخادم المكتبة {server} ({reason})"
    ),
    "the library server {server} does not answer (nothing for {seconds} s)": (
        "خادم المكتبة {server} لا يرد (لا شيء منذ {seconds} ث)"
    ),
    (
        "the library on {server} was made by a newer newsreader (schema {version}, this one "
        "reads {ours}); it is left as it is"
    ): (
        "صنع المكتبةَ على {server} إصدارٌ أحدث من newsreader (المخطط {version}، وهذا الإصدار "
        "يقرأ {ours})؛ تُترك كما هي"
    ),
    # Dialogs
    "Yes": "نعم",
    "No": "لا",
    "y / n": "y / n",
    "Yes, do it": "نعم، نفّذ",
    "No, leave it": "لا، اتركه",
    "Close": "إغلاق",
    "Problems found while loading: {count}": "ملاحظات التحميل: {count}",
    "Loading stopped:": "توقف التحميل:",
    "Every page loaded cleanly.": "حُمّلت كل الصفحات بلا مشكلات.",
    'words, "a phrase", -word, prefix*, tag:…, source:…, after:2024-01-01': (
        'كلمات، "عبارة"، -كلمة، بادئة*، tag:وسم، source:مصدر، after:2024-01-01'
    ),
    "Cancel": "إلغاء",
    "Next": "التالي",
    "Previous": "السابق",
    "Page": "صفحة",
    "Page up": "صفحة للأعلى",
    "Page down": "صفحة للأسفل",
    "Enter: open  Esc: cancel": "Enter: فتح  Esc: إلغاء",
    "Close the full-text search": "إغلاق البحث في النصوص",
    "Next article": "الخبر التالي",
    "Previous article": "الخبر السابق",
    "Five articles down": "خمسة أخبار للأسفل",
    "Five up": "خمسة للأعلى",
    "Search the text of the articles…": "ابحث في نصوص الأخبار…",
    "No article matches": "لا خبر مطابق",
    "The most used tags": "أكثر الوسوم استخدامًا",
    "unread/all  Enter: choose  Esc: cancel": "غير مقروء/الكل  Enter: اختيار  Esc: إلغاء",
    "Close the search, keep the list as it was": "إغلاق البحث وإبقاء القائمة كما كانت",
    "Next matching tag": "الوسم المطابق التالي",
    "Previous matching tag": "الوسم المطابق السابق",
    "Ten matches down": "عشرة وسوم للأسفل",
    "Ten matches up": "عشرة وسوم للأعلى",
    "No tag matches": "لا وسم مطابق",
    "Search for a tag…": "ابحث عن وسم…",
    # The help
    "Everywhere": "في كل مكان",
    "Headline list": "قائمة العناوين",
    "Article pane": "لوح الخبر",
    "Full-text search": "البحث في النصوص",
    "Tag search": "البحث في الوسوم",
    "newsreader — keys": "newsreader — المفاتيح",
    "Letter keys also work with the keyboard in the Arabic (101) layout:": (
        "مفاتيح الحروف تعمل أيضًا ولوحة المفاتيح على التخطيط العربي (101):"
    ),
    "the key that types j types ت, and so on; both are listed.": (
        "المفتاح الذي يكتب j يكتب ت، وهكذا؛ والاثنان مذكوران."
    ),
    # The main screen
    "Loading…": "جارٍ التحميل…",
    "Linking tags and articles…": "جارٍ ربط الوسوم والأخبار…",
    "Checking the files… {done}/{total}": "التحقق من الملفات… {done}/{total}",
    "Finding the files… {done}": "البحث عن الملفات… {done}",
    "{rate}/s": "{rate}/ث",
    "{seconds} s left": "{seconds} ث متبقية",
    "Loading failed": "تعذّر التحميل",
    "Loading failed: {error}": "تعذّر التحميل: {error}",
    "(unread)": "(غير المقروءة)",
    "Mark {articles} in this list read?": "تعليم {articles} في هذه القائمة كمقروءة؟",
    ", unread: {count}": "، غير مقروء: {count}",
    "unread in all: {count}": "غير مقروء في الكل: {count}",
    "unread": "غير مقروء",
    "saved": "محفوظ",
    "Opening": "جارٍ الفتح",
    "Copied": "نُسخ",
    "Library": "المكتبة",
    "Tag: {tag}": "الوسم: {tag}",
    "All news": "كل الأخبار",
    "Saved": "المحفوظة",
    "The mark could not be saved: {error}": "تعذّر حفظ العلامة: {error}",
    (
        "{problem}. What is on screen stays; nothing else can be opened or marked until the "
        "library answers again (tried every {seconds} s)."
    ): (
        "{problem}. يبقى ما على الشاشة، ولا يمكن فتح غيره ولا تعليم شيء حتى تعود المكتبة "
        "إلى الرد (تُعاد المحاولة كل {seconds} ث)."
    ),
    (
        "{problem}. What is on screen stays; nothing else can be opened or marked in this session."
    ): "{problem}. يبقى ما على الشاشة، ولا يمكن فتح غيره ولا تعليم شيء في هذه الجلسة.",
    "the library is a newer newsreader's now": "المكتبة الآن لإصدار أحدث من newsreader",
    "The library answers again.": "عادت المكتبة إلى الرد.",
    "The library server {server} answers: the reader goes on there.": (
        "خادم المكتبة {server} يرد: يتابع القارئ عليه."
    ),
    (
        "{problem}. Reading without it for now: it is tried every {seconds} s, and once "
        "it answers the reader goes on there, with the marks made meanwhile."
    ): (
        "{problem}. القراءة بدونه الآن: تُعاد المحاولة كل {seconds} ث، ومتى ردّ تابع "
        "القارئ عليه، ومعه العلامات المحفوظة في أثناء ذلك."
    ),
    "the library does not answer: trying again": "المكتبة لا ترد: تُعاد المحاولة",
    "in memory: the library server is tried again": "في الذاكرة: تُعاد محاولة خادم المكتبة",
    # The keys: short names for the key bar, then what each does for the help
    "Quit": "خروج",
    "Help": "المفاتيح",
    "Pane": "اللوح",
    "Search": "بحث",
    "Search tags": "بحث الوسوم",
    "Tags": "الوسوم",
    "Links": "الروابط",
    "Back": "رجوع",
    "Forward": "تقدّم",
    "List": "القائمة",
    "Flip": "قلب",
    "Link": "الرابط",
    "Copy link": "نسخ الرابط",
    "Problems": "الملاحظات",
    "Read": "مقروء",
    "All read": "الكل مقروء",
    "Next unread": "غير المقروء التالي",
    "Save": "حفظ",
    "Unread only": "غير المقروءة فقط",
    "Tag {n}": "الوسم {n}",
    "Follow the open article's tag number {n}": "فتح الوسم رقم {n} من الخبر المفتوح",
    "Quit the reader": "الخروج من القارئ",
    "This list of keys": "قائمة المفاتيح هذه",
    "Move focus between the headline list and the article (narrow: switch pane)": (
        "التنقل بين قائمة العناوين والخبر (في الشاشة الضيقة: تبديل اللوح)"
    ),
    "Same as tab": "مثل tab",
    "Search the text of every article (tag:… searches tags there too)": (
        "البحث في نص كل خبر (tag:… يبحث في الوسوم أيضًا)"
    ),
    "Search tags; the chosen tag filters the list": "البحث في الوسوم؛ الوسم المختار يصفّي القائمة",
    "Select the open article's next tag (then Enter follows it)": (
        "تحديد الوسم التالي في الخبر المفتوح (ثم Enter لفتحه)"
    ),
    "Select the next 'read also' / 'read by' link (then Enter follows it)": (
        "تحديد الرابط التالي في «اقرأ أيضًا» أو «مقالات تشير إلى هذا» (ثم Enter لفتحه)"
    ),
    "Back to the previous article or list": "الرجوع إلى الخبر أو القائمة السابقة",
    "Forward again after going back": "التقدّم من جديد بعد الرجوع",
    "Clear the filters (tag, saved, unread): all articles": (
        "إزالة التصفية (الوسم، المحفوظة، غير المقروءة): كل الأخبار"
    ),
    "Back to the headline list": "الرجوع إلى قائمة العناوين",
    "Flip the layout: list on the right (rtl) or on the left (ltr)": (
        "قلب التخطيط: القائمة على اليمين (rtl) أو على اليسار (ltr)"
    ),
    "Open the article's web page in the browser": "فتح صفحة الخبر في المتصفح",
    "Copy the article's web address (works over SSH, in terminals that allow it)": (
        "نسخ عنوان صفحة الخبر (يعمل عبر SSH في الطرفيات التي تسمح بذلك)"
    ),
    "Problems found while loading the dumps": "الملاحظات التي ظهرت عند تحميل الملفات",
    "Read, or unread again: the open article, or the list's cursor": (
        "مقروء، أو غير مقروء من جديد: الخبر المفتوح، أو الذي عليه المؤشر في القائمة"
    ),
    "Mark every article of the list read (asks first, saying how many)": (
        "تعليم كل أخبار القائمة كمقروءة (بعد سؤال يذكر عددها)"
    ),
    "Next unread: the cursor in the list; from an article, open it": (
        "غير المقروء التالي: ينقل المؤشر في القائمة، ومن داخل خبر يفتحه"
    ),
    "Save the article for later, or unsave it": "حفظ الخبر لوقت لاحق، أو إلغاء حفظه",
    "The saved articles (again: all articles)": "الأخبار المحفوظة (مرة أخرى: كل الأخبار)",
    "Only unread articles (with a tag or the saved list), or all": (
        "غير المقروءة فقط (مع وسم أو قائمة المحفوظة)، أو الكل"
    ),
    "Down": "للأسفل",
    "Up": "للأعلى",
    "Top": "البداية",
    "Bottom": "النهاية",
    "Next item": "العنصر التالي",
    "Previous item": "العنصر السابق",
    "Follow": "فتح",
    "Deselect": "إلغاء التحديد",
    "Next match": "التطابق التالي",
    "Previous match": "التطابق السابق",
    "Clear marks": "إزالة التظليل",
    "Scroll the article a line down": "تمرير الخبر سطرًا للأسفل",
    "Scroll the article a line up": "تمرير الخبر سطرًا للأعلى",
    "Scroll the article a page down": "تمرير الخبر صفحة للأسفل",
    "Scroll the article a page up": "تمرير الخبر صفحة للأعلى",
    "Top of the article": "بداية الخبر",
    "End of the article": "نهاية الخبر",
    "Next tag or link (leftwards, as the text reads)": (
        "الوسم أو الرابط التالي (يسارًا، باتجاه القراءة)"
    ),
    "Previous tag or link": "الوسم أو الرابط السابق",
    "Follow the selected tag or link": "فتح الوسم أو الرابط المحدد",
    "Leave the tags and links": "الخروج من الوسوم والروابط",
    "Next line with a searched word (after a full-text search)": (
        "السطر التالي الذي فيه كلمة مبحوث عنها (بعد البحث في النصوص)"
    ),
    "Previous line with a searched word": "السطر السابق الذي فيه كلمة مبحوث عنها",
    "Stop marking the searched words": "إيقاف تظليل الكلمات المبحوث عنها",
    "Open": "فتح",
    "Next headline": "العنوان التالي",
    "Previous headline": "العنوان السابق",
    "A page of headlines down": "صفحة عناوين للأسفل",
    "A page of headlines up": "صفحة عناوين للأعلى",
    "First (newest) headline": "العنوان الأول (الأحدث)",
    "Last headline": "العنوان الأخير",
    "Open the headline under the cursor": "فتح العنوان الذي عليه المؤشر",
    "Left": "يسار",
    "Right": "يمين",
    "Delete": "حذف",
    "Delete forward": "حذف للأمام",
    "Start": "البداية",
    "End": "النهاية",
    "Clear": "مسح",
    "Choose": "اختيار",
    "Delete the letter before the cursor": "حذف الحرف الذي قبل المؤشر",
    "Delete the letter after the cursor": "حذف الحرف الذي بعد المؤشر",
    "Cursor left (forward in Arabic text)": "المؤشر يسارًا (إلى الأمام في النص العربي)",
    "Cursor right (backward in Arabic text)": "المؤشر يمينًا (إلى الخلف في النص العربي)",
    "Cursor to the start of the text": "المؤشر إلى بداية النص",
    "Cursor to the end of the text": "المؤشر إلى نهاية النص",
    "Clear the field": "مسح الحقل",
    "Filter the list by the highlighted tag": "تصفية القائمة بالوسم المحدد",
}
