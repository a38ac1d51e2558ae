"""发布审核: the pre-publication review chain, the privacy and secrecy screen, publication and the 公开目录."""
