/*
 * libxml2, loaded with dlopen() on first use rather than linked into siar.
 *
 * Linked, libxml2 brings ICU, libstdc++ and liblzma, all bound at start:
 * 0.9 ms of every command, as much as the rest of a 1,000-episode feed's
 * setup, though a feed whose values need no escaping never calls it. The
 * feed/ files that use libxml2 include this header instead of libxml2's:
 * it includes those for the types, then turns each function siar calls
 * (and the xmlFree hook) into a call through the table feed_xml() fills
 * on the first call. Add a function here before calling it.
 */
#ifndef SIAR_FEED_XMLLIB_H
#define SIAR_FEED_XMLLIB_H

#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>

/* Every libxml2 function siar calls: X(name) for each. */
#define FEED_XML_FUNCTIONS(X)                                                 \
	X(xmlAttrSerializeTxtContent)                                         \
	X(xmlBufferContent)                                                   \
	X(xmlBufferCreate)                                                    \
	X(xmlBufferEmpty)                                                     \
	X(xmlBufferFree)                                                      \
	X(xmlBufferLength)                                                    \
	X(xmlCleanupParser)                                                   \
	X(xmlCtxtGetLastError)                                                \
	X(xmlCtxtReadMemory)                                                  \
	X(xmlDocGetRootElement)                                               \
	X(xmlEncodeSpecialChars)                                              \
	X(xmlFreeDoc)                                                         \
	X(xmlFreeParserCtxt)                                                  \
	X(xmlFreeTextReader)                                                  \
	X(xmlFreeTextWriter)                                                  \
	X(xmlGetNoNsProp)                                                     \
	X(xmlInitParser)                                                      \
	X(xmlNewDoc)                                                          \
	X(xmlNewParserCtxt)                                                   \
	X(xmlNewTextWriter)                                                   \
	X(xmlNewTextWriterMemory)                                             \
	X(xmlOutputBufferClose)                                               \
	X(xmlOutputBufferCreateIO)                                            \
	X(xmlReaderForFd)                                                     \
	X(xmlSearchNsByHref)                                                  \
	X(xmlStopParser)                                                      \
	X(xmlStrdup)                                                          \
	X(xmlTextReaderConstLocalName)                                        \
	X(xmlTextReaderConstNamespaceUri)                                     \
	X(xmlTextReaderConstValue)                                            \
	X(xmlTextReaderDepth)                                                 \
	X(xmlTextReaderGetAttribute)                                          \
	X(xmlTextReaderIsEmptyElement)                                        \
	X(xmlTextReaderNodeType)                                              \
	X(xmlTextReaderRead)                                                  \
	X(xmlTextReaderSetStructuredErrorHandler)                             \
	X(xmlTextWriterEndDocument)                                           \
	X(xmlTextWriterEndElement)                                            \
	X(xmlTextWriterFlush)                                                 \
	X(xmlTextWriterSetIndent)                                             \
	X(xmlTextWriterSetIndentString)                                       \
	X(xmlTextWriterStartDocument)                                         \
	X(xmlTextWriterStartElement)                                          \
	X(xmlTextWriterWriteAttribute)                                        \
	X(xmlTextWriterWriteElement)                                          \
	X(xmlTextWriterWriteString)                                           \
	X(xmlURIEscapeStr)

#define FEED_XML_FIELD(name) __typeof__(&name) name;

struct feed_xml {
	FEED_XML_FUNCTIONS(FEED_XML_FIELD)
	xmlFreeFunc *free_hook; /* libxml2's xmlFree */
};

/*
 * The table, libxml2 loaded and xmlInitParser() called on the first call
 * (thread-safe). libxml2 is as much a dependency of siar as a linked
 * library, which the system's loader would refuse to start without: if
 * it cannot be loaded, siar says so on stderr ("siar: cannot load
 * libxml2: ...") and exits with status 1.
 */
const struct feed_xml *feed_xml(void);

#ifndef FEED_XML_LOADER
#define xmlAttrSerializeTxtContent (feed_xml()->xmlAttrSerializeTxtContent)
#define xmlBufferContent (feed_xml()->xmlBufferContent)
#define xmlBufferCreate (feed_xml()->xmlBufferCreate)
#define xmlBufferEmpty (feed_xml()->xmlBufferEmpty)
#define xmlBufferFree (feed_xml()->xmlBufferFree)
#define xmlBufferLength (feed_xml()->xmlBufferLength)
#define xmlCleanupParser (feed_xml()->xmlCleanupParser)
#define xmlCtxtGetLastError (feed_xml()->xmlCtxtGetLastError)
#define xmlCtxtReadMemory (feed_xml()->xmlCtxtReadMemory)
#define xmlDocGetRootElement (feed_xml()->xmlDocGetRootElement)
#define xmlEncodeSpecialChars (feed_xml()->xmlEncodeSpecialChars)
#define xmlFreeDoc (feed_xml()->xmlFreeDoc)
#define xmlFreeParserCtxt (feed_xml()->xmlFreeParserCtxt)
#define xmlFreeTextReader (feed_xml()->xmlFreeTextReader)
#define xmlFreeTextWriter (feed_xml()->xmlFreeTextWriter)
#define xmlGetNoNsProp (feed_xml()->xmlGetNoNsProp)
#define xmlInitParser (feed_xml()->xmlInitParser)
#define xmlNewDoc (feed_xml()->xmlNewDoc)
#define xmlNewParserCtxt (feed_xml()->xmlNewParserCtxt)
#define xmlNewTextWriter (feed_xml()->xmlNewTextWriter)
#define xmlNewTextWriterMemory (feed_xml()->xmlNewTextWriterMemory)
#define xmlOutputBufferClose (feed_xml()->xmlOutputBufferClose)
#define xmlOutputBufferCreateIO (feed_xml()->xmlOutputBufferCreateIO)
#define xmlReaderForFd (feed_xml()->xmlReaderForFd)
#define xmlSearchNsByHref (feed_xml()->xmlSearchNsByHref)
#define xmlStopParser (feed_xml()->xmlStopParser)
#define xmlStrdup (feed_xml()->xmlStrdup)
#define xmlTextReaderConstLocalName (feed_xml()->xmlTextReaderConstLocalName)
#define xmlTextReaderConstNamespaceUri                                        \
	(feed_xml()->xmlTextReaderConstNamespaceUri)
#define xmlTextReaderConstValue (feed_xml()->xmlTextReaderConstValue)
#define xmlTextReaderDepth (feed_xml()->xmlTextReaderDepth)
#define xmlTextReaderGetAttribute (feed_xml()->xmlTextReaderGetAttribute)
#define xmlTextReaderIsEmptyElement (feed_xml()->xmlTextReaderIsEmptyElement)
#define xmlTextReaderNodeType (feed_xml()->xmlTextReaderNodeType)
#define xmlTextReaderRead (feed_xml()->xmlTextReaderRead)
#define xmlTextReaderSetStructuredErrorHandler                                \
	(feed_xml()->xmlTextReaderSetStructuredErrorHandler)
#define xmlTextWriterEndDocument (feed_xml()->xmlTextWriterEndDocument)
#define xmlTextWriterEndElement (feed_xml()->xmlTextWriterEndElement)
#define xmlTextWriterFlush (feed_xml()->xmlTextWriterFlush)
#define xmlTextWriterSetIndent (feed_xml()->xmlTextWriterSetIndent)
#define xmlTextWriterSetIndentString (feed_xml()->xmlTextWriterSetIndentString)
#define xmlTextWriterStartDocument (feed_xml()->xmlTextWriterStartDocument)
#define xmlTextWriterStartElement (feed_xml()->xmlTextWriterStartElement)
#define xmlTextWriterWriteAttribute (feed_xml()->xmlTextWriterWriteAttribute)
#define xmlTextWriterWriteElement (feed_xml()->xmlTextWriterWriteElement)
#define xmlTextWriterWriteString (feed_xml()->xmlTextWriterWriteString)
#define xmlURIEscapeStr (feed_xml()->xmlURIEscapeStr)
#undef xmlFree
#define xmlFree (*feed_xml()->free_hook)
#endif

#endif
