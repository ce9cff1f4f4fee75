#pragma once

#include <QImage>
#include <QVideoFrame>
#include <QWidget>

namespace twofold::ui {

// Paints the latest video frame, scaled to fit and optionally mirrored. The frame is converted
// only when it is painted, so frames that arrive faster than the screen refreshes cost little.
class VideoPreview final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VideoPreview)

public:
    explicit VideoPreview(QWidget *parent = nullptr);

    void setFrame(const QVideoFrame &frame);
    void clear();
    void setMirrored(bool mirrored);
    bool isMirrored() const { return m_mirrored; }
    void setPlaceholderText(const QString &text);
    bool hasFrame() const { return m_frame.isValid() || !m_image.isNull(); }

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QVideoFrame m_frame; // not converted yet
    QImage m_image; // the last converted frame
    QString m_placeholder;
    bool m_mirrored = false;
};

} // namespace twofold::ui
