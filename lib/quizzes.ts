// The self-check questions of the lesson, in both editions: the lesson's own pre- and post-lecture quizzes (its
// quiz app, lesson 9; they exist in English only, so the Indonesian text is ours), and one question per lesson
// page that the page's own demo answers. A page shows a quiz by name (src/components/quiz.ts); the same call
// shows the question in the page's language.
import type {Language} from "./i18n/index.js";

type Text = Record<Language, string>;

export interface Question {
  prompt: Text;
  choices: Text[];
  /** Index of the right choice. */
  answer: number;
  /** Why the right answer is right: shown after any choice. */
  why: Text;
}

const TRUE: Text = {en: "True", id: "Benar"};
const FALSE: Text = {en: "False", id: "Salah"};

export const QUIZZES = {
  "pre-lecture": [
    {
      prompt: {
        en: "Self-supervised learning uses ___ data for training.",
        id: "Pembelajaran swasupervisi memakai data ___ untuk pelatihan."
      },
      choices: [
        {en: "pre-trained", id: "yang sudah dilatih"},
        {en: "raw", id: "mentah"},
        {en: "labelled", id: "berlabel"}
      ],
      answer: 1,
      why: {
        en: "An autoencoder's target is its own input: the raw images are enough, no labels needed.",
        id: "Target sebuah autoencoder adalah inputnya sendiri: gambar mentah sudah cukup, tanpa label."
      }
    },
    {
      prompt: {
        en: "An encoder network converts input images into a latent space.",
        id: "Jaringan encoder mengubah gambar input menjadi titik di ruang laten."
      },
      choices: [TRUE, FALSE],
      answer: 0,
      why: {
        en: "The encoder maps each image to a code, a point of the latent space; the decoder maps it back.",
        id: "Encoder memetakan setiap gambar ke sebuah kode, yaitu titik di ruang laten; decoder memetakannya kembali."
      }
    },
    {
      prompt: {en: "VAE is short for:", id: "VAE adalah singkatan dari:"},
      choices: [
        {en: "Variable AutoEncoding", id: "Variable AutoEncoding"},
        {en: "Variational autoencoder", id: "Variational autoencoder"},
        {en: "Variational automated encoders", id: "Variational automated encoders"}
      ],
      answer: 1,
      why: {
        en: "A variational autoencoder encodes each image as a distribution (a mean and a spread), not a single point.",
        id: "Variational autoencoder mengodekan setiap gambar sebagai distribusi (rata-rata dan sebaran), bukan satu titik."
      }
    }
  ],
  "post-lecture": [
    {
      prompt: {en: "Properties of autoencoders include:", id: "Sifat-sifat autoencoder antara lain:"},
      choices: [
        {en: "data specific", id: "spesifik data"},
        {en: "works on unlabelled data", id: "bekerja pada data tanpa label"},
        {en: "all of the above", id: "semua jawaban di atas"}
      ],
      answer: 2,
      why: {
        en: "An autoencoder learns from unlabelled data, and only the kind of data it was trained on (and it is lossy).",
        id: "Autoencoder belajar dari data tanpa label, dan hanya untuk jenis data tempat ia dilatih (dan bersifat lossy)."
      }
    },
    {
      prompt: {
        en: "Autoencoders can be used to remove noise from images.",
        id: "Autoencoder dapat dipakai untuk menghilangkan noise dari gambar."
      },
      choices: [TRUE, FALSE],
      answer: 0,
      why: {
        en: "A denoising autoencoder is trained on noisy inputs with clean targets, as on the denoising page.",
        id: "Autoencoder denoising dilatih dengan input ber-noise dan target bersih, seperti di halaman denoising."
      }
    },
    {
      prompt: {
        en: "Which is not part of a variational autoencoder's loss?",
        id: "Manakah yang bukan bagian dari loss variational autoencoder?"
      },
      choices: [
        {en: "reconstruction loss", id: "reconstruction loss"},
        {en: "KL loss", id: "KL loss"},
        {en: "TF loss", id: "TF loss"}
      ],
      answer: 2,
      why: {
        en: "A VAE's loss is the reconstruction loss plus the KL divergence to the prior; there is no 'TF loss'.",
        id: "Loss VAE adalah reconstruction loss ditambah KL divergence terhadap prior; tidak ada 'TF loss'."
      }
    }
  ],
  data: [
    {
      prompt: {
        en: "How many numbers does the model read for one MNIST digit?",
        id: "Berapa banyak angka yang dibaca model untuk satu digit MNIST?"
      },
      choices: [
        {en: "10, one per class", id: "10, satu per kelas"},
        {en: "28", id: "28"},
        {en: "784, one per pixel of the 28 × 28 image", id: "784, satu per piksel gambar 28 × 28"}
      ],
      answer: 2,
      why: {
        en: "Each digit is a 28 × 28 grid of grey levels: 784 numbers between 0 and 1.",
        id: "Setiap digit adalah kisi 28 × 28 tingkat keabuan: 784 angka antara 0 dan 1."
      }
    }
  ],
  "what-is-an-autoencoder": [
    {
      prompt: {
        en: "During training, what is the autoencoder asked to output for a digit?",
        id: "Selama pelatihan, apa yang diminta keluar dari autoencoder untuk sebuah digit?"
      },
      choices: [
        {en: "The digit's label", id: "Label digit itu"},
        {en: "The input image itself", id: "Gambar input itu sendiri"},
        {en: "A random code", id: "Sebuah kode acak"}
      ],
      answer: 1,
      why: {
        en: "Input and target are the same image: that is what makes the training self-supervised.",
        id: "Input dan target adalah gambar yang sama: itulah yang membuat pelatihannya swasupervisi."
      }
    }
  ],
  autoencoder: [
    {
      prompt: {
        en: "Move “Latent dimension” down to 2. What happens to the reconstructions?",
        id: "Geser “Dimensi laten” turun ke 2. Apa yang terjadi pada hasil rekonstruksi?"
      },
      choices: [
        {en: "They get sharper", id: "Menjadi lebih tajam"},
        {
          en: "They get blurrier, and some digits turn into others",
          id: "Menjadi lebih kabur, dan beberapa digit berubah menjadi digit lain"
        },
        {en: "Nothing changes", id: "Tidak ada yang berubah"}
      ],
      answer: 1,
      why: {
        en: "Two numbers cannot hold a whole digit: the decoder draws a typical digit near the code instead.",
        id: "Dua angka tidak cukup untuk menyimpan satu digit utuh: decoder menggambar digit yang khas di dekat kode itu."
      }
    }
  ],
  embeddings: [
    {
      prompt: {
        en: "Compare the two planes' kNN accuracies above. Which keeps the digits apart better?",
        id: "Bandingkan akurasi kNN kedua bidang di atas. Mana yang lebih baik memisahkan digit?"
      },
      choices: [
        {en: "PCA", id: "PCA"},
        {en: "The autoencoder's code", id: "Kode autoencoder"}
      ],
      answer: 1,
      why: {
        en: "PCA can only rotate and project the pixels; the autoencoder can bend them, and sorts the digits better.",
        id: "PCA hanya bisa memutar dan memproyeksikan piksel; autoencoder bisa melengkungkannya, sehingga digit terpisah lebih baik."
      }
    }
  ],
  denoising: [
    {
      prompt: {
        en: "Move “Noise level” to 0.8. Which row has the higher PSNR?",
        id: "Geser “Tingkat noise” ke 0,8. Baris mana yang PSNR-nya lebih tinggi?"
      },
      choices: [
        {en: "The noisy digits", id: "Digit yang ber-noise"},
        {en: "The denoised digits", id: "Digit hasil denoising"}
      ],
      answer: 1,
      why: {
        en: "The denoiser has learned what digits look like, and drops what does not fit: it is closer to the clean digit.",
        id: "Denoiser sudah mempelajari rupa digit dan membuang yang tidak cocok: hasilnya lebih dekat ke digit bersih."
      }
    }
  ],
  "super-resolution": [
    {
      prompt: {
        en: "At ×2, which scores the higher PSNR: bicubic interpolation or the trained model?",
        id: "Pada ×2, mana yang PSNR-nya lebih tinggi: interpolasi bikubik atau model yang sudah dilatih?"
      },
      choices: [
        {en: "Bicubic", id: "Bikubik"},
        {en: "The model", id: "Model"}
      ],
      answer: 1,
      why: {
        en: "Bicubic only blends the pixels it has; the model has seen how strokes look and draws sharper ones.",
        id: "Bikubik hanya mencampur piksel yang ada; model sudah melihat rupa goresan dan menggambarnya lebih tajam."
      }
    }
  ],
  properties: [
    {
      prompt: {
        en: "The autoencoder trained on digits reconstructs clothes ___ than digits.",
        id: "Autoencoder yang dilatih dengan digit merekonstruksi pakaian ___ daripada digit."
      },
      choices: [
        {en: "better", id: "lebih baik"},
        {en: "worse", id: "lebih buruk"},
        {en: "just as well", id: "sama baiknya"}
      ],
      answer: 1,
      why: {
        en: "Autoencoders are data-specific: it only learned what digits look like.",
        id: "Autoencoder bersifat spesifik data: ia hanya mempelajari rupa digit."
      }
    }
  ],
  vae: [
    {
      prompt: {
        en: "Set “KL weight” to 0 and train. What do samples from the prior look like?",
        id: "Atur “Bobot KL” ke 0 lalu latih. Seperti apa sampel dari prior?"
      },
      choices: [
        {en: "Better digits than before", id: "Digit yang lebih bagus daripada sebelumnya"},
        {
          en: "More smudges: nothing pulls the codes towards N(0, I) any more",
          id: "Lebih banyak coretan kabur: tak ada lagi yang menarik kode ke N(0, I)"
        },
        {en: "Exactly the same", id: "Persis sama"}
      ],
      answer: 1,
      why: {
        en: "Without the KL term the VAE is a plain autoencoder with a noisy code, and its codes need not fill the prior.",
        id: "Tanpa suku KL, VAE menjadi autoencoder biasa dengan kode ber-noise, dan kodenya tidak harus mengisi prior."
      }
    }
  ],
  "adversarial-autoencoder": [
    {
      prompt: {
        en: "The PyTorch notebook printed a discriminator loss of about 1.39 (= 2 ln 2) all along. Why?",
        id: "Notebook PyTorch terus mencetak loss diskriminator sekitar 1,39 (= 2 ln 2). Mengapa?"
      },
      choices: [
        {en: "Its discriminator had learned perfectly", id: "Diskriminatornya sudah belajar dengan sempurna"},
        {
          en: "Its discriminator was never updated, so it always answered about ½",
          id: "Diskriminatornya tidak pernah diperbarui, jadi selalu menjawab sekitar ½"
        },
        {en: "Its learning rate was too high", id: "Learning rate-nya terlalu tinggi"}
      ],
      answer: 1,
      why: {
        en: "Its discriminator step called the decoder's optimizer: a discriminator that answers ½ has loss 2 ln 2.",
        id: "Langkah diskriminatornya memanggil optimizer milik decoder: diskriminator yang menjawab ½ punya loss 2 ln 2."
      }
    }
  ]
} satisfies Record<string, Question[]>;

export type QuizName = keyof typeof QUIZZES;
