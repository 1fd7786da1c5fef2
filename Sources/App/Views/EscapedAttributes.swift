import HopTacCore
import Plot

/// Plot escapes text but writes attribute values as they are, so a name with `"` would end the attribute and inject
/// markup. These declarations have the same signatures as Plot's and, being in this module, shadow them for every page
/// of the app: each attribute value is escaped once, here. `HardeningTests` feeds hostile text to every page.
enum AttributeText {
    static func attribute<Context>(_ name: String, _ value: String?, ignoreIfValueIsEmpty: Bool = true) -> Attribute<Context> {
        Attribute(name: name, value: value.map(escapeMarkup), ignoreIfValueIsEmpty: ignoreIfValueIsEmpty)
    }
}

extension Node {
    static func attribute(named name: String, value: String?, ignoreIfValueIsEmpty: Bool = true) -> Node {
        .attribute(AttributeText.attribute(name, value, ignoreIfValueIsEmpty: ignoreIfValueIsEmpty))
    }
}

extension Attribute {
    static func attribute(named name: String, value: String?) -> Self { AttributeText.attribute(name, value) }
}

extension Attribute where Context: HTMLContext {
    static func id(_ id: String) -> Attribute { AttributeText.attribute("id", id) }
    static func `class`(_ className: String) -> Attribute { AttributeText.attribute("class", className) }
    static func title(_ title: String) -> Attribute { AttributeText.attribute("title", title) }
    static func data(named name: String, value: String) -> Attribute { AttributeText.attribute("data-\(name)", value) }
}

extension Node where Context: HTMLContext {
    static func id(_ id: String) -> Node { .attribute(named: "id", value: id) }
    static func `class`(_ className: String) -> Node { .attribute(named: "class", value: className) }
    static func title(_ title: String) -> Node { .attribute(named: "title", value: title) }
    static func data(named name: String, value: String) -> Node { .attribute(named: "data-\(name)", value: value) }
}

extension Attribute where Context: HTMLNamableContext {
    static func name(_ name: String) -> Attribute { AttributeText.attribute("name", name) }
}

extension Node where Context: HTMLNamableContext {
    static func name(_ name: String) -> Node { .attribute(named: "name", value: name) }
}

extension Attribute where Context: HTMLValueContext {
    static func value(_ value: String) -> Attribute { AttributeText.attribute("value", value) }
}

extension Node where Context: HTMLValueContext {
    static func value(_ value: String) -> Node { .attribute(named: "value", value: value) }
}

extension Attribute where Context: HTMLLinkableContext {
    static func href(_ url: any URLRepresentable) -> Attribute { AttributeText.attribute("href", url.description) }
}

extension Node where Context: HTMLLinkableContext {
    static func href(_ url: any URLRepresentable) -> Node { .attribute(named: "href", value: url.description) }
}

extension Attribute where Context: HTMLSourceContext {
    static func src(_ url: any URLRepresentable) -> Attribute { AttributeText.attribute("src", url.description) }
}

extension Node where Context: HTMLSourceContext {
    static func src(_ url: any URLRepresentable) -> Node { .attribute(named: "src", value: url.description) }
}

extension Node where Context == HTML.FormContext {
    static func action(_ url: any URLRepresentable) -> Node { .attribute(named: "action", value: url.description) }
}

extension Node where Context == HTML.LabelContext {
    static func `for`(_ target: String) -> Node { .attribute(named: "for", value: target) }
}

extension Attribute where Context == HTML.InputContext {
    static func placeholder(_ placeholder: String) -> Attribute { AttributeText.attribute("placeholder", placeholder) }
}

extension Node where Context == HTML.TextAreaContext {
    static func placeholder(_ placeholder: String) -> Node { .attribute(named: "placeholder", value: placeholder) }
}

extension Attribute where Context == HTML.OptionContext {
    static func label(_ label: String) -> Attribute { AttributeText.attribute("label", label, ignoreIfValueIsEmpty: false) }
}

extension Attribute where Context == HTML.MetaContext {
    static func content(_ content: String) -> Attribute { AttributeText.attribute("content", content) }
}

extension Attribute where Context == HTML.ImageContext {
    static func alt(_ text: String) -> Attribute { AttributeText.attribute("alt", text) }
}

extension Node where Context == HTML.HeadContext {
    /// The page's `<title>` alone: Plot's own also writes the title, unescaped, into social-sharing `<meta>` tags.
    static func title(_ title: String) -> Node { .element(named: "title", text: title) }
}
