/** @file xmlcheck.h
 * @brief Is a document well-formed XML with the expected root? Enough of XML to check a program's SVG.
 * A picture that a browser refuses is a bug a test should catch. The checker
 * reads tags, attributes, text, comments and the XML declaration; it checks
 * that every tag is closed in order, attribute values are quoted, `<` and `&`
 * appear in text only as markup or entities, and there is exactly one root
 * element. It knows nothing of DTDs, CDATA or namespaces beyond their names.
 */
#ifndef TEST_XMLCHECK_H
#define TEST_XMLCHECK_H

#include <stddef.h>

/**
 * @brief Check that @p text is one well-formed XML element named @p root.
 * @param text The document, NUL-terminated.
 * @param root The root element's name ("svg").
 * @param why On failure, a sentence saying what is wrong and where.
 * @param size Bytes in @p why.
 * @return 0 if well formed; -1 if not.
 */
int xml_check(const char *text, const char *root, char *why, size_t size);

#endif
