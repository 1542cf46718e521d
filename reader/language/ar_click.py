"""The Arabic of click's own words, by click's msgids: its usage errors, its help page's
headings, and the rest it says through gettext.

They are click's, not the program's, so they are kept apart from `reader.language.ar`; the
tests check them against the msgids of the installed click. A msgid the program also marks
itself ("Usage:", "Error: {message}") is translated there, once. A translation may leave
out a field that Arabic words better without it (`{number_type}`: the type's English name).
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # Usage errors
    "No such option {name!r}.": "لا خيار باسم {name!r}.",
    "No such command {name!r}.": "لا أمر باسم {name!r}.",
    "Missing argument": "ينقص الوسيط",
    "Missing option": "ينقص الخيار",
    "Missing parameter": "ينقص المُعامِل",
    "Missing parameter: {param_name}": "ينقص المُعامِل: {param_name}",
    "Missing {param_type}": "ينقص {param_type}",
    "Missing command.": "ينقص الأمر.",
    "Invalid value for {param_hint}: {message}": "قيمة غير صالحة في {param_hint}: {message}",
    "Invalid value: {message}": "قيمة غير صالحة: {message}",
    "Try '{command} {option}' for help.": "للمساعدة جرّب '{command} {option}'.",
    "Option {name!r} does not take a value.": "الخيار {name!r} لا يأخذ قيمة.",
    "Invalid start character for option ({option})": "حرف بداية غير صالح للخيار ({option})",
    "Argument {name!r} takes {nargs} values.": "الوسيط {name!r} يأخذ {nargs} من القيم.",
    "Could not open file {filename!r}: {message}": "تعذّر فتح الملف {filename!r}: {message}",
    "unknown error": "خطأ غير معروف",
    "Aborted!": "أُلغي!",
    # Values of the wrong type
    "{value!r} is not a valid {number_type}.": "{value!r} ليس عددًا صالحًا.",
    "{value} is not in the range {range}.": "{value} ليس في المدى {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}": (
        "{value!r} ليس قيمة منطقية صالحة. القيم المعروفة: {states}"
    ),
    "{value!r} is not a valid UUID.": "{value!r} ليس UUID صالحًا.",
    "Choose from:\n\t{choices}": "اختر من:\n\t{choices}",
    "Choice({choices})": "اختيار({choices})",
    "file": "ملف",
    "directory": "مجلد",
    "path": "مسار",
    "{name} {filename!r} is a file.": "{name} {filename!r} ملف.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} مجلد.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} لا تمكن قراءته.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} لا تمكن الكتابة فيه.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} لا يمكن تنفيذه.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} غير موجود.",
    "Value must be an iterable.": "يجب أن تكون القيمة قابلة للتكرار.",
    # The help page
    "Options": "الخيارات",
    "Commands": "الأوامر",
    "Positional arguments": "الوسائط الموضعية",
    "env var: {var}": "متغير البيئة: {var}",
    "default: {default}": "الافتراضي: {default}",
    "(dynamic)": "(متغيّر)",
    "deprecated": "مهمل",
    "%(prog)s, version %(version)s": "%(prog)s، الإصدار %(version)s",
    "Confirm the action without prompting.": "تأكيد الإجراء دون سؤال.",
    # Prompts and the terminal
    "Do you want to continue?": "أتريد المتابعة؟",
    "Press any key to continue...": "اضغط أي مفتاح للمتابعة...",
    "Repeat for confirmation": "أعد الإدخال للتأكيد",
    "Error: The two entered values do not match.": "خطأ: القيمتان المُدخلتان غير متطابقتين.",
    "Error: invalid input": "خطأ: إدخال غير صالح",
    "Unknown color {colour!r}": "لون غير معروف {colour!r}",
    "Unknown standard stream '{name}'": "مجرى قياسي غير معروف '{name}'",
    "{editor}: Editing failed": "{editor}: فشل التحرير",
    "{editor}: Editing failed: {e}": "{editor}: فشل التحرير: {e}",
    "Windows error: {error}": "خطأ من ويندوز: {error}",
    "d": "ي",  # a progress bar's days left
    "Couldn't detect Bash version, shell completion is not supported.": (
        "تعذّرت معرفة إصدار Bash، فالإكمال في الصدفة غير مدعوم."
    ),
    "Shell completion is not supported for Bash versions older than 4.4.": (
        "الإكمال في الصدفة غير مدعوم في إصدارات Bash الأقدم من 4.4."
    ),
    # Mistakes in a program's own declarations
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}": (
        "تحذير إهمال: الأمر {name!r} مهمل.{extra_message}"
    ),
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}": (
        "تحذير إهمال: {param_type} {name!r} مهمل.{extra_message}"
    ),
    "Could not determine name for option with declarations {decls!r}": (
        "تعذّر تحديد اسم الخيار ذي التعريفات {decls!r}"
    ),
    "No options defined but a name was passed ({name}). Did you mean to declare an argument "
    "instead? Did you mean to pass '--{name}'?": (
        "لم يُعرَّف أي خيار لكن مُرِّر اسم ({name}). أكنت تقصد تعريف وسيط بدلًا منه؟ "
        "أكنت تقصد تمرير '--{name}'؟"
    ),
    "Arguments take exactly one parameter declaration, got {length}: {decls}.": (
        "يأخذ الوسيط تعريفًا واحدًا بالضبط، وأُعطي {length}: {decls}."
    ),
    "Name '{name}' defined twice": "الاسم '{name}' معرَّف مرتين",
    "Boolean option {decl!r} cannot use the same flag for true/false.": (
        "لا يمكن للخيار المنطقي {decl!r} أن يستعمل العلَم نفسه للصواب والخطأ."
    ),
}

# Arabic's five forms (see `reader.language.ar`) of click's counted phrases, by the singular.
PLURALS: dict[str, tuple[str, str, str, str, str]] = {
    "Got unexpected extra argument ({args})": (
        "وسيط زائد غير متوقع ({args})",
        "وسيطان زائدان غير متوقعين ({args})",
        "وسائط زائدة غير متوقعة ({args})",
        "وسائط زائدة غير متوقعة ({args})",
        "وسائط زائدة غير متوقعة ({args})",
    ),
    "Did you mean {possibility}?": (
        "أتقصد {possibility}؟",
        "(أتقصد أحدهما: {possibilities}؟)",
        "(أتقصد أحد هذه: {possibilities}؟)",
        "(أتقصد أحد هذه: {possibilities}؟)",
        "(أتقصد أحد هذه: {possibilities}؟)",
    ),
    "Option {name!r} requires an argument.": (
        "الخيار {name!r} يحتاج إلى قيمة.",
        "الخيار {name!r} يحتاج إلى قيمتين.",
        "الخيار {name!r} يحتاج إلى {nargs} قيم.",
        "الخيار {name!r} يحتاج إلى {nargs} قيمةً.",
        "الخيار {name!r} يحتاج إلى {nargs} قيمة.",
    ),
    "Takes {nargs} values but 1 was given.": (
        "يأخذ {nargs} من القيم لكن أُعطي قيمة واحدة.",
        "يأخذ {nargs} من القيم لكن أُعطي قيمتين.",
        "يأخذ {nargs} من القيم لكن أُعطي {len} قيم.",
        "يأخذ {nargs} من القيم لكن أُعطي {len} قيمةً.",
        "يأخذ {nargs} من القيم لكن أُعطي {len} قيمة.",
    ),
    "{value!r} is not {choice}.": (
        "{value!r} ليس {choice}.",
        "{value!r} ليس أحد {choices}.",
        "{value!r} ليس أحد {choices}.",
        "{value!r} ليس أحد {choices}.",
        "{value!r} ليس أحد {choices}.",
    ),
    "{value!r} does not match the format {format}.": (
        "{value!r} لا يطابق الصيغة {format}.",
        "{value!r} لا يطابق الصيغتين {formats}.",
        "{value!r} لا يطابق الصيغ {formats}.",
        "{value!r} لا يطابق الصيغ {formats}.",
        "{value!r} لا يطابق الصيغ {formats}.",
    ),
    "{len_type} values are required, but {len_value} was given.": (
        "يلزم {len_type} من القيم، لكن أُعطيت قيمة واحدة.",
        "يلزم {len_type} من القيم، لكن أُعطيت قيمتان.",
        "يلزم {len_type} من القيم، لكن أُعطيت {len_value} قيم.",
        "يلزم {len_type} من القيم، لكن أُعطيت {len_value} قيمةً.",
        "يلزم {len_type} من القيم، لكن أُعطيت {len_value} قيمة.",
    ),
}
