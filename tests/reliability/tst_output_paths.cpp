// What writeFileAtomically (core/io/files.h, behind every file the command line and the app
// write) does to each kind of path: a regular file is replaced atomically with its permissions
// kept, a symbolic link is followed, a device or FIFO is written in place and never replaced,
// a hard link is split on purpose, and a long name still fits its temporary name. sameFile
// compares files, not strings. docs/reliability.md lists the same cases.

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <QTemporaryDir>
#include <QtTest>
#include <memory>
#include <string>
#include <thread>

#include "core/base/errors.h"
#include "core/io/files.h"

using namespace bps;

namespace {

std::string contentsOf(const std::string& path) {
    QFile f(QString::fromStdString(path));
    return f.open(QIODevice::ReadOnly) ? f.readAll().toStdString() : std::string("<unreadable>");
}

struct stat statOf(const std::string& path, bool followLinks = true) {
    struct stat st {};
    const int rc = followLinks ? ::stat(path.c_str(), &st) : ::lstat(path.c_str(), &st);
    if (rc != 0) st.st_mode = 0;
    return st;
}

}  // namespace

class tst_OutputPaths : public QObject {
    Q_OBJECT
private slots:
    // A fresh folder for every test function and data row.
    void init() {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }
    void cleanup() { QDir::setCurrent(QDir::tempPath()); }
    void regularFileIsReplacedWithItsPermissions();
    void symlinkIsFollowed();
    void danglingSymlinkCreatesItsTarget();
    void fifoIsWrittenInPlace();
    void deviceIsWrittenInPlace();
    void hardLinkIsSplit();
    void longNameFitsItsTemporaryName();
    void directoryIsRefused();
    void emptyNameIsRefused();
    void sameFileComparesFiles_data();
    void sameFileComparesFiles();

private:
    std::string path(const char* name) const { return m_dir->filePath(name).toStdString(); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_OutputPaths::regularFileIsReplacedWithItsPermissions() {
    const std::string file = path("model.json");
    writeFileAtomically(file, "old");
    QCOMPARE(::chmod(file.c_str(), 0600), 0);
    const ino_t before = statOf(file).st_ino;
    writeFileAtomically(file, "new");
    QCOMPARE(contentsOf(file), std::string("new"));
    QCOMPARE(statOf(file).st_mode & 07777, mode_t(0600));
    QVERIFY2(statOf(file).st_ino != before, "not replaced by a rename");
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files).size(), 1);  // no temporary left
}

void tst_OutputPaths::symlinkIsFollowed() {
    const std::string target = path("real.csv"), link = path("link.csv");
    writeFileAtomically(target, "old");
    QCOMPARE(::symlink("real.csv", link.c_str()), 0);  // relative, as users make them
    writeFileAtomically(link, "new");
    QVERIFY2(S_ISLNK(statOf(link, false).st_mode), "the link was replaced by a file");
    QCOMPARE(contentsOf(target), std::string("new"));
}

void tst_OutputPaths::danglingSymlinkCreatesItsTarget() {
    const std::string link = path("dangling.csv");
    QCOMPARE(::symlink(path("made.csv").c_str(), link.c_str()), 0);
    writeFileAtomically(link, "made");
    QVERIFY(S_ISLNK(statOf(link, false).st_mode));
    QCOMPARE(contentsOf(path("made.csv")), std::string("made"));
}

void tst_OutputPaths::fifoIsWrittenInPlace() {
    const std::string fifo = path("pipe");
    QCOMPARE(::mkfifo(fifo.c_str(), 0600), 0);
    std::string received;
    std::thread reader([&] {
        const int fd = ::open(fifo.c_str(), O_RDONLY);
        char buf[256];
        ssize_t n;
        while (fd >= 0 && (n = ::read(fd, buf, sizeof buf)) > 0) received.append(buf, n);
        if (fd >= 0) ::close(fd);
    });
    writeFileAtomically(fifo, "through the pipe");
    reader.join();
    QCOMPARE(received, std::string("through the pipe"));
    QVERIFY2(S_ISFIFO(statOf(fifo, false).st_mode), "the FIFO was replaced");
}

void tst_OutputPaths::deviceIsWrittenInPlace() {
    // /dev/null's own numbers in our folder: mknod needs root (CI runs as root).
    if (::geteuid() != 0) QSKIP("mknod needs root");
    const std::string device = path("null");
    QCOMPARE(::mknod(device.c_str(), S_IFCHR | 0666, makedev(1, 3)), 0);
    writeFileAtomically(device, "discarded");
    const struct stat st = statOf(device, false);
    QVERIFY2(S_ISCHR(st.st_mode), "the device was replaced by a regular file");
    QCOMPARE(st.st_rdev, makedev(1, 3));
}

void tst_OutputPaths::hardLinkIsSplit() {
    // Chosen (docs/reliability.md): atomic replacement of the name written; the other name
    // keeps the old contents. Writing in place would keep the link but not atomicity.
    const std::string a = path("a.json"), b = path("b.json");
    writeFileAtomically(a, "old");
    QCOMPARE(::link(a.c_str(), b.c_str()), 0);
    writeFileAtomically(a, "new");
    QCOMPARE(contentsOf(a), std::string("new"));
    QCOMPARE(contentsOf(b), std::string("old"));
}

void tst_OutputPaths::longNameFitsItsTemporaryName() {
    const std::string name(250, 'n');
    const std::string file = m_dir->filePath(QString::fromStdString(name)).toStdString();
    writeFileAtomically(file, "long");
    QCOMPARE(contentsOf(file), std::string("long"));
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files).size(), 1);
}

void tst_OutputPaths::directoryIsRefused() {
    QVERIFY(QDir(m_dir->path()).mkpath("folder"));
    try {
        writeFileAtomically(path("folder"), "x");
        QFAIL("a directory was written");
    } catch (const DataError& e) {
        QVERIFY2(QString(e.what()).contains("Is a directory"), e.what());
    }
}

void tst_OutputPaths::emptyNameIsRefused() {
    QVERIFY_THROWS_EXCEPTION(DataError, writeFileAtomically("", "x"));
}

void tst_OutputPaths::sameFileComparesFiles_data() {
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("same");
    QTest::newRow("one name") << "in.csv"
                              << "in.csv" << true;
    QTest::newRow("dot slash") << "in.csv"
                               << "./sub/../in.csv" << true;
    QTest::newRow("link and target") << "link.csv"
                                     << "in.csv" << true;
    QTest::newRow("hard links") << "hard.csv"
                                << "in.csv" << true;
    QTest::newRow("two new names, one path") << "new.csv"
                                             << "./new.csv" << true;
    QTest::newRow("different files") << "in.csv"
                                     << "other.csv" << false;
    QTest::newRow("new and existing") << "new.csv"
                                      << "in.csv" << false;
    QTest::newRow("a device twice") << "/dev/null"
                                    << "/dev/null" << false;
    QTest::newRow("standard output") << "-"
                                     << "-" << false;
}

void tst_OutputPaths::sameFileComparesFiles() {
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, same);
    QVERIFY(QDir(m_dir->path()).mkpath("sub"));
    writeFileAtomically(path("in.csv"), "x");
    writeFileAtomically(path("other.csv"), "y");
    ::symlink("in.csv", path("link.csv").c_str());
    ::link(path("in.csv").c_str(), path("hard.csv").c_str());
    QVERIFY(QDir::setCurrent(m_dir->path()));
    QCOMPARE(sameFile(a.toStdString(), b.toStdString()), same);
}

QTEST_GUILESS_MAIN(tst_OutputPaths)
#include "tst_output_paths.moc"
