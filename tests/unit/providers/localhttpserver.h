#pragma once

// A small HTTP/1.1 server on 127.0.0.1 for the provider tests: it records every request and
// answers as the test's handler decides, including with a closed connection or no answer at all.

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

#include <functional>
#include <memory>

struct HttpRequest
{
    QByteArray method;
    QByteArray target; // path and query, as sent
    QHash<QByteArray, QByteArray> headers; // names in lower case
    QByteArray body;
};

struct HttpAnswer
{
    enum class Kind { Respond, Close, Hang };
    Kind kind = Kind::Respond;
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    QList<std::pair<QByteArray, QByteArray>> extraHeaders;

    static HttpAnswer respond(int status, QByteArray body = {},
                              QByteArray contentType = "application/json")
    {
        HttpAnswer answer;
        answer.status = status;
        answer.body = std::move(body);
        answer.contentType = std::move(contentType);
        return answer;
    }
    static HttpAnswer close()
    {
        HttpAnswer answer;
        answer.kind = Kind::Close;
        return answer;
    }
    static HttpAnswer hang()
    {
        HttpAnswer answer;
        answer.kind = Kind::Hang;
        return answer;
    }
};

class LocalHttpServer final
{
public:
    using Handler = std::function<HttpAnswer(const HttpRequest &)>;

    explicit LocalHttpServer(Handler handler)
        : m_handler(std::move(handler))
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] { accept(); });
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    QUrl url() const
    {
        QUrl url;
        url.setScheme(QStringLiteral("http"));
        url.setHost(QStringLiteral("127.0.0.1"));
        url.setPort(m_server.serverPort());
        return url;
    }
    const QList<HttpRequest> &requests() const { return m_requests; }

private:
    void accept()
    {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            auto buffer = std::make_shared<QByteArray>();
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
                *buffer += socket->readAll();
                serve(socket, *buffer);
            });
            QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        }
    }

    // Parses as many complete requests as the buffer holds; Content-Length bodies only.
    void serve(QTcpSocket *socket, QByteArray &buffer)
    {
        for (;;) {
            const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
            if (headerEnd < 0)
                return;
            const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
            HttpRequest request;
            const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
            if (requestLine.size() != 3) {
                socket->abort();
                return;
            }
            request.method = requestLine[0];
            request.target = requestLine[1];
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines[i].indexOf(':');
                if (colon > 0)
                    request.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                           lines[i].mid(colon + 1).trimmed());
            }
            const qsizetype length = request.headers.value("content-length", "0").toLongLong();
            if (buffer.size() < headerEnd + 4 + length)
                return;
            request.body = buffer.mid(headerEnd + 4, length);
            buffer.remove(0, headerEnd + 4 + length);
            m_requests.append(request);
            answer(socket, m_handler(request));
        }
    }

    static void answer(QTcpSocket *socket, const HttpAnswer &answer)
    {
        switch (answer.kind) {
        case HttpAnswer::Kind::Hang:
            return;
        case HttpAnswer::Kind::Close:
            socket->disconnectFromHost();
            return;
        case HttpAnswer::Kind::Respond:
            break;
        }
        QByteArray out = "HTTP/1.1 " + QByteArray::number(answer.status) + " Status\r\n";
        if (!answer.body.isEmpty() || answer.status != 204)
            out += "Content-Type: " + answer.contentType + "\r\n";
        for (const auto &[name, value] : answer.extraHeaders)
            out += name + ": " + value + "\r\n";
        out += "Content-Length: " + QByteArray::number(answer.body.size()) + "\r\n";
        out += "Connection: close\r\n\r\n" + answer.body;
        socket->write(out);
        socket->disconnectFromHost();
    }

    Handler m_handler;
    QTcpServer m_server;
    QList<HttpRequest> m_requests;
};
