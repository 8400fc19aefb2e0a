"""The local stack's AWS emulator: moto's server in this process, with its data kept in a snapshot.

moto keeps everything in memory. Before serving, this loads moto's DynamoDB and S3 state from the
snapshot file; it saves a new one (the pickled backends, written to a temporary file and renamed)
when requests have changed something: at most every --save-interval seconds, when asked
(POST /_spotcheck/snapshot), and when it stops, on SIGTERM or SIGINT or when its standard input
closes (the stack's JVM holds that pipe: it closes when the JVM exits, crashes or is killed).
Nothing scans the tables: requests wait only while the process forks, and the forked child, a
consistent copy of the data, writes the snapshot while this process goes on serving.

SQS is not kept (the stack saves the S3 events still queued itself), nor Secrets Manager (the
stack makes its secrets again at every start from values it keeps).

It also spares moto's DynamoDB queries a costly sort (speed_up_dynamodb), so that a county's page of a
roster of 100,000 targets answers in a fraction of a second instead of many.
"""
import argparse
import copyreg
import gc
import json
import os
import pickle
import signal
import stat
import sys
import threading
import time
import traceback
import warnings
from contextlib import contextmanager

import moto
from moto.backends import get_backend
from moto.dynamodb.models.dynamo_type import LimitedSizeDict
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
from moto.s3.utils import _VersionedKeyStore
from werkzeug.serving import make_server

SERVICES = ("dynamodb", "s3")
FORMAT = 1
CONTROL_PATH = "/_spotcheck/snapshot"
READ_OPERATIONS = ("Get", "BatchGet", "TransactGet", "Describe", "List", "Query", "Scan")
EXIT_SAVE_FAILED = 1
EXIT_UNREADABLE = 3

# Python 3.12 warns at every fork of a process with threads; the child here only writes the snapshot and exits.
warnings.filterwarnings("ignore", message=".*fork.*", category=DeprecationWarning)


def log(message):
    stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    print(f"{stamp} snapshot: {message}", file=sys.stderr, flush=True)


class Unreadable(Exception):
    pass


class Gate:
    """Requests pass while it is open; closing it waits for those inside and holds new ones back."""

    def __init__(self):
        self._cond = threading.Condition()
        self._inside = 0
        self._closed = False

    def enter(self):
        with self._cond:
            while self._closed:
                self._cond.wait()
            self._inside += 1

    def leave(self):
        with self._cond:
            self._inside -= 1
            if self._inside == 0:
                self._cond.notify_all()

    @contextmanager
    def closed(self):
        with self._cond:
            while self._closed:
                self._cond.wait()
            self._closed = True
            while self._inside:
                self._cond.wait()
        try:
            yield
        finally:
            with self._cond:
                self._closed = False
                self._cond.notify_all()


# Two of moto's dicts rebuild themselves slowly or wrongly through pickle's item-by-item restore:
# an item's attributes re-check the item's size at every attribute (quadratic: 100,000 items took
# minutes), and an S3 key store restored item by item keeps only each key's latest version. Both
# are restored as plain dicts of what they hold, which dict.__init__ takes in as it is.
def _plain(d):
    return copyreg._reconstructor, (type(d), dict, dict(d)), vars(d) or None


def _all_versions(d):
    return copyreg._reconstructor, (type(d), dict, {k: dict.__getitem__(d, k) for k in dict.keys(d)}), vars(d) or None


def _pickler(file):
    p = pickle.Pickler(file, protocol=pickle.HIGHEST_PROTOCOL)
    p.dispatch_table = copyreg.dispatch_table.copy()
    p.dispatch_table[LimitedSizeDict] = _plain
    p.dispatch_table[_VersionedKeyStore] = _all_versions
    return p


def _header():
    return {"format": FORMAT, "moto": moto.__version__, "python": sys.version.split()[0],
            "services": list(SERVICES), "savedAt": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}


def write_snapshot(path):
    """Writes every kept backend to path atomically: a crash leaves the previous snapshot whole."""
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(json.dumps(_header()).encode("utf-8") + b"\n")
        # Pickling makes a tuple per object: the cyclic collector would run over millions of objects again and
        # again (more than half the time of a save).
        gc.disable()
        try:
            _pickler(f).dump({name: get_backend(name) for name in SERVICES})
        finally:
            gc.enable()
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    if hasattr(os, "O_DIRECTORY"):
        d = os.open(os.path.dirname(path) or ".", os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(d)
        finally:
            os.close(d)


def read_snapshot(path):
    """Puts the snapshot's backends in place of moto's (empty) ones."""
    with open(path, "rb") as f:
        try:
            header = json.loads(f.readline())
        except ValueError:
            header = None
        if not isinstance(header, dict) or header.get("format") != FORMAT:
            raise Unreadable(f"{path} is not a snapshot this version of the stack can read")
        if header.get("moto") != moto.__version__:
            raise Unreadable(f"{path} was saved by moto {header.get('moto')}; this is moto {moto.__version__},"
                             " which may not read it correctly. Install moto " + str(header.get("moto"))
                             + " again (pip install \"moto[server]==" + str(header.get("moto")) + "\") to use"
                             " that data, or start the stack once with --reset to begin empty (the data is"
                             " discarded)")
        # Unpickling makes millions of objects: the cyclic collector would run over them again and again.
        gc.disable()
        try:
            saved = pickle.load(f)
        except Exception as e:
            raise Unreadable(f"{path} cannot be read ({type(e).__name__}: {e}). Start the stack once with --reset"
                             " to begin empty (the data is discarded)") from e
        finally:
            gc.enable()
    for name, backends in saved.items():
        live = get_backend(name)  # the object moto's request handlers use: filled in place
        live.clear()
        live.update(backends)
        for attribute, value in vars(backends).items():
            if attribute != "_id":
                setattr(live, attribute, value)
    # Out of the collector's sight from now on: collections stay short, and they do not touch (and so copy)
    # the pages a forked save shares with this process.
    gc.freeze()


# moto sorts every item of a table at each query and scan (an index query too), by DynamoType keys whose every
# comparison derives both values again: with 100,000 targets a county's first page took over ten seconds. Sorting
# on those values, derived once per item, gives the same order in a fraction of the time; so does comparing
# strings and binaries as what they are. Only for the moto versions this was checked against.
SPED_UP_MOTO = ("5.2.",)


def _key_value(d):
    """What a DynamoType orders and compares by (its cast_value), taken directly for strings and binaries."""
    return d.value if d.type in ("S", "B") else d.cast_value


def speed_up_dynamodb():
    if not moto.__version__.startswith(SPED_UP_MOTO):
        log(f"moto {moto.__version__}: DynamoDB queries are left as moto runs them (sped up for moto 5.2 only)")
        return
    from moto.dynamodb.models.dynamo_type import DynamoType
    from moto.dynamodb.models.table import Table

    def all_items(self):
        items = []
        for hash_set in self.items.values():
            if self.range_key_attr:
                items.extend(hash_set.values())
            else:
                items.append(hash_set)
        return sorted(items, key=lambda x: (_key_value(x.hash_key), _key_value(x.range_key)) if x.range_key
                      else _key_value(x.hash_key))

    def sorted_items(self, hash_key_attrs, range_key_attrs, items):
        attrs = self._generate_attr_to_sort_by(hash_key_attrs, range_key_attrs)
        items.sort(key=lambda x: tuple(_key_value(x.attrs[k]) for k in attrs))
        return items

    moto_eq, moto_ne = DynamoType.__eq__, DynamoType.__ne__

    def eq(self, other):
        if self.type in ("S", "B") and type(other) is DynamoType and other.type == self.type:
            return self.value == other.value
        return moto_eq(self, other)

    def ne(self, other):
        if self.type in ("S", "B") and type(other) is DynamoType and other.type == self.type:
            return self.value != other.value
        return moto_ne(self, other)

    Table.all_items = all_items
    Table.sorted_items = sorted_items
    DynamoType.__eq__ = eq
    DynamoType.__ne__ = ne
    lean_transactions(DynamoType, Table)


class _TablesKept:
    """moto's copy module during a transaction: a table is "copied" as itself; anything else is copied."""

    def __init__(self, table_type, real):
        self.table_type, self.real = table_type, real

    def deepcopy(self, x, memo=None):
        return x if isinstance(x, self.table_type) else self.real.deepcopy(x, memo)

    def __getattr__(self, name):
        return getattr(self.real, name)


def lean_transactions(DynamoType, Table):
    """moto deep-copies every table a TransactWriteItems touches, so as to roll back a cancelled one: a cost that
    grows with everything stored. The items the transaction names are kept instead (DynamoDB checks each condition
    against the state before the transaction, so nothing else can have changed), and put back when it is cancelled."""
    import copy
    import moto.dynamodb.models as backend_module
    from moto.dynamodb.models import DynamoDBBackend

    moto_transact = DynamoDBBackend.transact_write_items
    kept = _TablesKept(Table, copy)

    def transact_write_items(self, transact_items):
        before = []
        for entry in transact_items or []:
            try:
                _, op = next(iter(entry.items()))
                table = self.tables.get(op.get("TableName"))
                if table is None:
                    continue
                key = op.get("Key") or {a: op["Item"][a] for a in (table.hash_key_attr, table.range_key_attr) if a}
                hash_key = DynamoType(key[table.hash_key_attr])
                range_key = DynamoType(key[table.range_key_attr]) if table.range_key_attr else None
                before.append((table, hash_key, range_key, copy.deepcopy(table.get_item(hash_key, range_key))))
            except Exception:
                continue  # a malformed operation: moto refuses it before writing anything of it
        backend_module.copy = kept
        try:
            return moto_transact(self, transact_items)
        except Exception:
            for table, hash_key, range_key, item in reversed(before):
                if range_key is None:
                    if item is None:
                        table.items.pop(hash_key, None)
                    else:
                        table.items[hash_key] = item
                elif item is None:
                    if hash_key in table.items:
                        table.items[hash_key].pop(range_key, None)
                else:
                    table.items[hash_key][range_key] = item
            raise
        finally:
            backend_module.copy = copy

    DynamoDBBackend.transact_write_items = transact_write_items


class Keeper:
    """Counts the changes requests may have made, and saves a snapshot when there are new ones."""

    def __init__(self, path):
        self.path = path
        self.gate = Gate()
        self._count_lock = threading.Lock()
        self._save_lock = threading.Lock()
        self._child_lock = threading.Lock()
        self._background = None  # the child writing a background save
        self._stopping = False
        self.changes = 0
        self.saved = 0
        self.saves = 0
        self.last_seconds = 0.0
        self.loaded_bytes = 0
        self.load_seconds = 0.0

    def changed(self):
        with self._count_lock:
            self.changes += 1

    def dirty(self):
        return self.changes != self.saved

    def load(self):
        started = time.monotonic()
        read_snapshot(self.path)
        self.loaded_bytes = os.path.getsize(self.path)
        self.load_seconds = time.monotonic() - started
        log(f"loaded {self.loaded_bytes} bytes in {self.load_seconds:.2f} s")

    def save(self, serving=True, background=False):
        """Writes a snapshot if anything changed since the last one; answers whether it wrote. While serving, a
        forked child writes it (at a lower priority for a background save, so that requests come first)."""
        with self._save_lock:
            started = time.monotonic()
            child = None
            with self.gate.closed():
                changes = self.changes
                if (changes == self.saved and os.path.exists(self.path)) or (background and self._stopping):
                    return False
                if serving and hasattr(os, "fork"):
                    child = os.fork()
                    if child == 0:
                        code = 0
                        try:
                            if background:
                                os.nice(10)
                            write_snapshot(self.path)
                        except BaseException:
                            traceback.print_exc()
                            code = EXIT_SAVE_FAILED
                        finally:
                            os._exit(code)
                else:
                    write_snapshot(self.path)
            if child is not None:
                if background:
                    with self._child_lock:
                        self._background = child
                    if hasattr(os, "waitid"):
                        # Exited but not yet reaped, its pid is still its own while cancel() may look at it.
                        os.waitid(os.P_PID, child, os.WEXITED | os.WNOWAIT)
                    with self._child_lock:
                        self._background = None
                _, status = os.waitpid(child, 0)
                if os.waitstatus_to_exitcode(status) != 0:
                    if self._stopping:
                        return False  # cancelled: the save on stopping writes it all
                    raise RuntimeError(f"the snapshot could not be written to {self.path} (see above)")
            self.saved = changes
            self.saves += 1
            self.last_seconds = time.monotonic() - started
            log(f"saved {os.path.getsize(self.path)} bytes in {self.last_seconds:.2f} s")
            return True

    def cancel(self):
        """Stops a background save in progress, before the save on stopping: that one writes everything too, and
        at full speed rather than at the background's lower priority."""
        with self._child_lock:
            self._stopping = True
            if self._background is not None:
                os.kill(self._background, signal.SIGKILL)

    def status(self):
        return {"path": self.path, "dirty": self.dirty(), "saves": self.saves, "lastSaveSeconds": self.last_seconds,
                "loadedBytes": self.loaded_bytes, "loadSeconds": self.load_seconds,
                "bytes": os.path.getsize(self.path) if os.path.exists(self.path) else 0}


def may_change(environ, target):
    if target:
        return not target.rsplit(".", 1)[-1].startswith(READ_OPERATIONS)
    return environ.get("REQUEST_METHOD") not in ("GET", "HEAD", "OPTIONS")


class Tracking:
    """WSGI middleware: requests to the kept services pass the keeper's gate, and those that may have changed
    something count. Other services (SQS with its long polls, Secrets Manager) are not kept and pass freely."""

    def __init__(self, app, keeper):
        self.app = app
        self.keeper = keeper

    def __call__(self, environ, start_response):
        if environ.get("PATH_INFO") == CONTROL_PATH:
            return self.control(environ, start_response)
        target = environ.get("HTTP_X_AMZ_TARGET", "")
        # DynamoDB names its operation in X-Amz-Target; S3 sends none (nor do the other query-protocol services,
        # which count too: better a needless save than a missed one).
        if target and not target.startswith("DynamoDB_"):
            return self.app(environ, start_response)
        self.keeper.gate.enter()
        try:
            if not may_change(environ, target):
                return self.app(environ, start_response)
            statuses = []

            def recording(status, headers, exc_info=None):
                statuses.append(status)
                return start_response(status, headers, exc_info)

            body = self.app(environ, recording)
            # A refused request (a failed condition, a cancelled transaction, a missing table) changed nothing.
            if not (statuses and statuses[0].startswith("4")):
                self.keeper.changed()
            return body
        finally:
            self.keeper.gate.leave()

    def control(self, environ, start_response):
        """GET: the keeper's status; POST: save now (if anything changed) and answer whether it wrote."""
        status = "200 OK"
        try:
            body = {"saved": self.keeper.save()} if environ.get("REQUEST_METHOD") == "POST" else {}
            body.update(self.keeper.status())
        except Exception as e:
            status = "500 Internal Server Error"
            body = {"error": f"{type(e).__name__}: {e}"}
        data = json.dumps(body).encode("utf-8")
        start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(data)))])
        return [data]


def autosave(keeper, stop, interval):
    pause = interval
    while not stop.wait(pause):
        if keeper.dirty():
            try:
                keeper.save(background=True)
            except Exception:
                traceback.print_exc()
        # Big data takes a while to save: then save less often, so saving takes at most a third of the time.
        pause = max(interval, 2 * keeper.last_seconds)


def watch_stdin(stop):
    while os.read(0, 4096):
        pass
    log("standard input closed: stopping")
    stop.set()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-H", "--host", default="127.0.0.1")
    parser.add_argument("-p", "--port", type=int, required=True)
    parser.add_argument("--snapshot", required=True, help="the snapshot file (loaded if it exists)")
    parser.add_argument("--save-interval", type=float, default=2.0,
                        help="least seconds between automatic saves; 0: only when asked and on stop")
    args = parser.parse_args()
    # Its own session: a terminal's Ctrl-C reaches the stack, which saves what it holds and then stops this.
    if hasattr(os, "setsid"):
        try:
            os.setsid()
        except OSError:
            pass
    os.environ.setdefault("MOTO_PORT", str(args.port))  # as moto_server does: moto builds some URLs with it
    speed_up_dynamodb()
    keeper = Keeper(os.path.abspath(args.snapshot))
    if os.path.exists(keeper.path):
        try:
            keeper.load()
        except Unreadable as e:
            log(str(e))
            sys.exit(EXIT_UNREADABLE)
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    if stat.S_ISFIFO(os.fstat(0).st_mode):
        threading.Thread(target=watch_stdin, args=(stop,), daemon=True).start()
    server = make_server(args.host, args.port, Tracking(DomainDispatcherApplication(create_backend_app), keeper),
                         threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    if args.save_interval > 0:
        threading.Thread(target=autosave, args=(keeper, stop, args.save_interval), daemon=True).start()
    log(f"serving on {args.host}:{args.port}")
    while not stop.wait(1):
        pass
    server.shutdown()
    server.server_close()
    keeper.cancel()
    code = 0
    try:
        keeper.save(serving=False)
    except Exception:
        traceback.print_exc()
        code = EXIT_SAVE_FAILED
    log("stopped")
    os._exit(code)


if __name__ == "__main__":
    main()
