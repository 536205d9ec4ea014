namespace GalaxyCo.Benchmarks.Knowledge;

/// <summary>
/// The retrieval benchmark's questions over the Python 3.11 documentation, written the way people type them (task
/// words, not module names), each with the pages that answer it (paths under the html root). A page counts as relevant
/// when a reader would be satisfied landing on it; most questions have one or two.
/// </summary>
public static class RetrievalQuestions
{
    public sealed record Question(string Text, string[] Relevant);

    public static readonly Question[] All =
    [
        new("how do I read a csv file with a header row into dictionaries", ["library/csv.html"]),
        new("run a shell command and capture its output", ["library/subprocess.html"]),
        new("parse command line arguments with flags and a help message", ["library/argparse.html", "howto/argparse.html"]),
        new("make a temporary file that is deleted automatically", ["library/tempfile.html"]),
        new("copy a whole directory tree to another place", ["library/shutil.html"]),
        new("turn a date into a string in my own format like day/month/year", ["library/datetime.html", "library/time.html"]),
        new("save a dictionary as json and load it back", ["library/json.html"]),
        new("send an email through an smtp server", ["library/smtplib.html", "library/email.examples.html"]),
        new("find all the .txt files in a folder and its subfolders", ["library/glob.html", "library/pathlib.html"]),
        new("sort a list of dictionaries by one of their keys", ["howto/sorting.html"]),
        new("count how many times each word appears in a list", ["library/collections.html"]),
        new("run a function on many inputs in parallel using several processes", ["library/multiprocessing.html", "library/concurrent.futures.html"]),
        new("generate a secure random token for a password reset link", ["library/secrets.html"]),
        new("compute the sha256 checksum of a file", ["library/hashlib.html"]),
        new("write log messages to a file with timestamps", ["howto/logging.html", "library/logging.handlers.html", "howto/logging-cookbook.html", "library/logging.html"]),
        new("write unit tests for my code and run them", ["library/unittest.html"]),
        new("replace a method with a fake object during a test", ["library/unittest.mock.html", "library/unittest.mock-examples.html"]),
        new("exact decimal arithmetic for money without floating point rounding errors", ["library/decimal.html"]),
        new("match an email address with a regular expression", ["howto/regex.html", "library/re.html"]),
        new("create an isolated environment for a project's dependencies", ["library/venv.html", "installing/index.html"]),
        new("install a third party package from PyPI with pip", ["installing/index.html", "library/ensurepip.html"]),
        new("read settings from an ini style config file", ["library/configparser.html"]),
        new("read a toml file", ["library/tomllib.html"]),
        new("download a web page over http and read the response", ["library/urllib.request.html", "howto/urllib2.html"]),
        new("start a quick web server that serves the files in the current directory", ["library/http.server.html"]),
        new("store python objects on disk and load them back later", ["library/pickle.html", "library/shelve.html"]),
        new("create a sqlite database table and run queries on it", ["library/sqlite3.html"]),
        new("compress some files into a zip archive", ["library/zipfile.html", "library/shutil.html"]),
        new("extract a .tar.gz archive", ["library/tarfile.html"]),
        new("measure how long a small snippet of code takes to run", ["library/timeit.html"]),
        new("find out which functions make my program slow", ["library/profile.html"]),
        new("step through my program line by line to find a bug", ["library/pdb.html"]),
        new("define a set of named constant values like colors", ["library/enum.html", "howto/enum.html"]),
        new("a class that just holds data and gets __init__ and __repr__ written for me", ["library/dataclasses.html"]),
        new("run several coroutines at the same time and wait until all of them finish", ["library/asyncio-task.html"]),
        new("protect shared data with a lock when using threads", ["library/threading.html"]),
        new("efficiently get the smallest items of a collection, a priority queue", ["library/heapq.html", "library/queue.html"]),
        new("remember the results of an expensive function so repeated calls are fast", ["library/functools.html"]),
        new("add type hints to a function that takes a list of strings and may return None", ["library/typing.html"]),
        new("connect to a server over tcp and send bytes", ["library/socket.html", "howto/sockets.html"]),
        new("wrap a connection in tls and verify the server certificate", ["library/ssl.html"]),
        new("read an environment variable and get the current working directory", ["library/os.html"]),
        new("join folder and file names into a path that works on windows and linux", ["library/os.path.html", "library/pathlib.html"]),
        new("encode binary data as base64 text", ["library/base64.html"]),
        new("show the differences between two versions of a text", ["library/difflib.html"]),
        new("generate a universally unique identifier", ["library/uuid.html"]),
        new("what is the difference between a list and a tuple", ["tutorial/datastructures.html", "faq/design.html", "library/stdtypes.html"]),
        new("catch an exception and always run clean up code afterwards", ["tutorial/errors.html", "reference/compound_stmts.html"]),
        new("format a number with thousands separators and two decimals", ["library/string.html", "tutorial/inputoutput.html"]),
        new("run a function automatically when the program exits", ["library/atexit.html"]),
        new("remove accents from unicode text and normalize it", ["library/unicodedata.html", "howto/unicode.html"]),
        new("check whether an ip address belongs to a subnet", ["library/ipaddress.html", "howto/ipaddress.html"]),
    ];
}
