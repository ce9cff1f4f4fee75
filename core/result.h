#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace twofold {

// What went wrong, as a category a caller can branch on. The message says it in words.
enum class ErrorCode {
    InvalidArgument,
    InvalidBase32,
    UriScheme,
    UriType,
    UriLabel,
    UriSecretMissing,
    UriSecretInvalid,
    UriIssuerMismatch,
    UriDigits,
    UriPeriod,
    UriCounter,
    UriAlgorithm,
    UriParameter,
    MigrationPrefix,
    MigrationData,
    MigrationUnsupported,
    QrEncode,
    QrNotFound,
    ImageUnreadable,
    Crypto,
    Io,
    ImportFormat, // a backup file that is not recognised, or damaged inside
    VaultNotFound, // no file at the path
    VaultFormat, // not a Twofold vault
    VaultDamaged, // a Twofold vault that fails a structure or integrity check
    VaultPassword, // the password does not open the password slot
    VaultVersion, // written by a newer Twofold
    VaultLocked, // the operation needs an unlocked vault
    Keychain, // the system keychain failed or refused
    KeychainUnavailable, // no system keychain is reachable
    KeychainEntryNotFound, // the keychain has no such entry
    Database, // the server's database failed or refused
    NotFound, // no such user, app, token, device or transaction
    AlreadyExists, // a name or serial that must be unique is taken
    NotAuthenticated, // no or bad credentials
    PermissionDenied, // authenticated, but the role may not do this
    PolicyDenied, // the policy does not allow this method or action
    UserLocked, // too many failed attempts; locked for a while
    UserBlocked, // blocked by an administrator or after a fraud report
    CodeRejected, // a wrong, used or expired one-time code
    RateLimited, // too many pushes or requests
    Config, // the server's configuration or data directory is wrong
    DuoCredentialsMissing, // no or malformed Authorization header (Duo code 40101)
    DuoIntegrationKeyInvalid, // the integration key is not known (Duo code 40102)
    DuoSignatureInvalid, // the request signature does not match (Duo code 40103)
    DuoDate, // Date / X-Duo-Date missing, unreadable or outside the 300 s window (Duo code 40104)
    DuoParameters, // unreadable request parameters (Duo code 40002)
    TokenFileFormat, // a hardware token file (CSV, PSKC) that breaks its format; nothing imported
    TokenFileUnsupported, // a well-formed token file using something Twofold cannot read
    TokenKeyNeeded, // the token file is encrypted and the key or password it needs was not given
    TokenKeyWrong, // the key or password does not decrypt the token file, or its MAC fails
    ProviderSignature, // a telephony provider callback whose signature does not verify
    ProviderCallback, // a signed telephony provider callback that is malformed
    DeviceRevoked, // a push device the server no longer knows or has revoked
    ClockSkew, // a signed timestamp outside the allowed window of the server's clock
    CertificateChanged, // the server's TLS certificate is not the pinned one
    CertificateUnknown, // a server whose TLS certificate has not been pinned yet (first use)
};

// An error for the person using the program: what was wrong and, where it helps, what to do.
struct Error
{
    ErrorCode code;
    QString message;
};

// Result<T> holds a value or an Error. Shaped like std::expected so it can become one with C++23.
template<typename T> class [[nodiscard]] Result final
{
public:
    Result(const T &value)
        : m_state(std::in_place_index<0>, value)
    {
    }
    Result(T &&value)
        : m_state(std::in_place_index<0>, std::move(value))
    {
    }
    Result(Error error)
        : m_state(std::in_place_index<1>, std::move(error))
    {
    }

    bool has_value() const noexcept { return m_state.index() == 0; }
    explicit operator bool() const noexcept { return has_value(); }

    T &value() & { return std::get<0>(m_state); }
    const T &value() const & { return std::get<0>(m_state); }
    T &&value() && { return std::get<0>(std::move(m_state)); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }

    template<typename U> T value_or(U &&fallback) const &
    {
        return has_value() ? value() : static_cast<T>(std::forward<U>(fallback));
    }

    const Error &error() const { return std::get<1>(m_state); }

private:
    std::variant<T, Error> m_state;
};

template<> class [[nodiscard]] Result<void> final
{
public:
    Result() = default;
    Result(Error error)
        : m_error(std::move(error))
        , m_failed(true)
    {
    }

    bool has_value() const noexcept { return !m_failed; }
    explicit operator bool() const noexcept { return has_value(); }
    const Error &error() const { return m_error; }

private:
    Error m_error { ErrorCode::InvalidArgument, {} };
    bool m_failed = false;
};

} // namespace twofold
