package typescript

import "unicode"

// The global names of TypeScript's standard library that the TypeScript
// target refuses as the spec's type (and as the TInfo and TCategory names
// the module also declares). The module's own declarations would shadow
// them: a module named Record or Readonly does not compile, since it uses
// those globals, and any other would shadow the global in every file that
// imports the type. make ts-check checks these tables against the installed
// compiler: every capitalised global of lib.es2022 must be here, and every
// name here must be a global of lib.es2022 or lib.dom.

// tsGlobalsES holds every capitalised global name (types, values and
// namespaces) of lib.es2022 and the libraries it includes. Sorted, for
// binary search.
var tsGlobalsES = []string{
	"AggregateError", "AggregateErrorConstructor", "Array", "ArrayBuffer", "ArrayBufferConstructor", "ArrayBufferLike",
	"ArrayBufferTypes", "ArrayBufferView", "ArrayConstructor", "ArrayIterator", "ArrayLike", "AsyncGenerator",
	"AsyncGeneratorFunction", "AsyncGeneratorFunctionConstructor", "AsyncIterable", "AsyncIterableIterator", "AsyncIterator", "AsyncIteratorObject",
	"Atomics", "Awaited", "BigInt", "BigInt64Array", "BigInt64ArrayConstructor", "BigIntConstructor",
	"BigIntToLocaleStringOptions", "BigUint64Array", "BigUint64ArrayConstructor", "Boolean", "BooleanConstructor", "BuiltinIteratorReturn",
	"CallableFunction", "Capitalize", "ClassAccessorDecoratorContext", "ClassAccessorDecoratorResult", "ClassAccessorDecoratorTarget", "ClassDecorator",
	"ClassDecoratorContext", "ClassFieldDecoratorContext", "ClassGetterDecoratorContext", "ClassMemberDecoratorContext", "ClassMethodDecoratorContext", "ClassSetterDecoratorContext",
	"ConcatArray", "ConstructorParameters", "DataView", "DataViewConstructor", "Date", "DateConstructor",
	"DecoratorContext", "DecoratorMetadata", "DecoratorMetadataObject", "Error", "ErrorConstructor", "ErrorOptions",
	"EvalError", "EvalErrorConstructor", "Exclude", "Extract", "FinalizationRegistry", "FinalizationRegistryConstructor",
	"FlatArray", "Float32Array", "Float32ArrayConstructor", "Float64Array", "Float64ArrayConstructor", "Function",
	"FunctionConstructor", "Generator", "GeneratorFunction", "GeneratorFunctionConstructor", "IArguments", "ImportAssertions",
	"ImportAttributes", "ImportCallOptions", "ImportMeta", "Infinity", "InstanceType", "Int16Array",
	"Int16ArrayConstructor", "Int32Array", "Int32ArrayConstructor", "Int8Array", "Int8ArrayConstructor", "Intl",
	"Iterable", "IterableIterator", "Iterator", "IteratorObject", "IteratorResult", "IteratorReturnResult",
	"IteratorYieldResult", "JSON", "Lowercase", "Map", "MapConstructor", "MapIterator",
	"Math", "MethodDecorator", "NaN", "NewableFunction", "NoInfer", "NonNullable",
	"Number", "NumberConstructor", "Object", "ObjectConstructor", "Omit", "OmitThisParameter",
	"ParameterDecorator", "Parameters", "Partial", "Pick", "Promise", "PromiseConstructor",
	"PromiseConstructorLike", "PromiseFulfilledResult", "PromiseLike", "PromiseRejectedResult", "PromiseSettledResult", "PropertyDecorator",
	"PropertyDescriptor", "PropertyDescriptorMap", "PropertyKey", "Proxy", "ProxyConstructor", "ProxyHandler",
	"RangeError", "RangeErrorConstructor", "Readonly", "ReadonlyArray", "ReadonlyMap", "ReadonlySet",
	"Record", "ReferenceError", "ReferenceErrorConstructor", "Reflect", "RegExp", "RegExpConstructor",
	"RegExpExecArray", "RegExpIndicesArray", "RegExpMatchArray", "RegExpStringIterator", "Required", "ReturnType",
	"Set", "SetConstructor", "SetIterator", "SharedArrayBuffer", "SharedArrayBufferConstructor", "String",
	"StringConstructor", "StringIterator", "Symbol", "SymbolConstructor", "SyntaxError", "SyntaxErrorConstructor",
	"TemplateStringsArray", "ThisParameterType", "ThisType", "TypeError", "TypeErrorConstructor", "TypedPropertyDescriptor",
	"URIError", "URIErrorConstructor", "Uint16Array", "Uint16ArrayConstructor", "Uint32Array", "Uint32ArrayConstructor",
	"Uint8Array", "Uint8ArrayConstructor", "Uint8ClampedArray", "Uint8ClampedArrayConstructor", "Uncapitalize", "Uppercase",
	"WeakKey", "WeakKeyTypes", "WeakMap", "WeakMapConstructor", "WeakRef", "WeakRefConstructor",
	"WeakSet", "WeakSetConstructor",
}

// tsGlobalsDOM holds the globals of lib.dom (which tsc includes by default)
// that matter to a module describing statuses: what front-end code calls
// (fetch, events, URLs, storage, the DOM tree), and the DOM's own state and
// status types, which a spec's type could well be named after. lib.dom has
// some 1,500 more, mostly interfaces no one would name an enum after.
// Sorted, for binary search.
var tsGlobalsDOM = []string{
	"AbortController", "AbortSignal", "Animation", "AnimationPlayState", "Attr", "Audio",
	"Blob", "BroadcastChannel", "Cache", "CacheStorage", "Clipboard", "Comment",
	"Console", "Credential", "Crypto", "CustomEvent", "DOMException", "Document",
	"DocumentReadyState", "DocumentVisibilityState", "Element", "ErrorEvent", "Event", "EventSource",
	"EventTarget", "File", "FileList", "FormData", "HTMLElement", "Headers",
	"History", "IDBRequest", "IDBRequestReadyState", "IDBTransactionMode", "Image", "Location",
	"Lock", "LockMode", "MediaKeyStatus", "MessageChannel", "MessageEvent", "MessagePort",
	"Navigator", "Node", "NodeList", "Notification", "NotificationPermission", "Option",
	"Performance", "PermissionState", "PermissionStatus", "Permissions", "ProgressEvent", "RTCDataChannelState",
	"RTCIceConnectionState", "RTCPeerConnectionState", "RTCSignalingState", "Range", "ReadableStream", "ReadyState",
	"Request", "RequestInit", "RequestMode", "Response", "ResponseInit", "ResponseType",
	"Screen", "Selection", "ServiceWorker", "ServiceWorkerState", "ShadowRoot", "Storage",
	"Text", "TextDecoder", "TextEncoder", "URL", "URLSearchParams", "WebSocket",
	"Window", "Worker", "WritableStream", "XMLHttpRequest",
}

// tsReserved holds the words TypeScript does not accept as the name of a
// type alias or a const in a module: JavaScript's reserved words (strict
// mode and modules included) and TypeScript's predefined type names.
var tsReserved = []string{
	"any", "await", "bigint", "boolean", "break", "case", "catch", "class",
	"const", "continue", "debugger", "default", "delete", "do", "else", "enum",
	"export", "extends", "false", "finally", "for", "function", "if", "implements",
	"import", "in", "instanceof", "interface", "let", "never", "new", "null",
	"number", "object", "package", "private", "protected", "public", "return", "static",
	"string", "super", "switch", "symbol", "this", "throw", "true", "try",
	"typeof", "undefined", "unknown", "var", "void", "while", "with", "yield",
}

// tsIsIdentifier reports whether s can be written bare as a TypeScript
// identifier or property name: a letter, _ or $, then letters, digits, _
// and $. It accepts a subset of what ECMAScript's ID_Start and ID_Continue
// allow, so that what it accepts is an identifier everywhere; anything else
// is written quoted.
func tsIsIdentifier(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		switch {
		case r == '_' || r == '$' || unicode.IsLetter(r):
		case i > 0 && unicode.IsDigit(r):
		default:
			return false
		}
	}
	return true
}
