// Boost.URL 1.81 ships no compiled library on Debian; its sources are built here,
// once, in header-only mode.
#include <boost/url/src.hpp>
